import type { SimulationResult } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useLanguage } from '../../i18n/use-language.ts';

/** Entered, messages sent and conversions per simulated day. */
export function TimelineChart({ result }: { result: SimulationResult }) {
  const { t } = useTranslation('simulation');
  const language = useLanguage();
  const dayLabel = new Intl.DateTimeFormat(language === 'es' ? 'es-ES' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  const data = result.timeline.map((d) => ({
    date: dayLabel.format(Date.parse(`${d.date}T00:00:00Z`)),
    entered: d.entered,
    messages: d.messages.email + d.messages.sms + d.messages.call + d.messages.webhook,
    conversions: d.conversions,
  }));
  return (
    <figure className="sim-chart" aria-label={t('results.timeline')}>
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="date" minTickGap={16} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Line
            type="monotone"
            dataKey="entered"
            name={t('results.timelineEntered')}
            stroke="#15803d"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="messages"
            name={t('results.timelineMessages')}
            stroke="#4338ca"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="conversions"
            name={t('results.timelineConversions')}
            stroke="#be123c"
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
