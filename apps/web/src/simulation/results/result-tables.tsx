import type { ChannelCounts, FlowDocument, SimulationResult } from '@rumbo/flow';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language.ts';
import { formatInteger, formatPercent } from '../format/numbers.ts';

const CHANNELS: readonly (keyof ChannelCounts)[] = ['email', 'sms', 'call', 'webhook'];

function nodeNamer(document: FlowDocument) {
  const names = new Map<string, string>(document.nodes.map((n) => [n.id, n.name || n.type]));
  return (id: string) => names.get(id) ?? id;
}

/** The most common paths through the flow with their share of the treatment leads. */
export function PathsTable({
  result,
  document,
}: {
  result: SimulationResult;
  document: FlowDocument;
}) {
  const { t } = useTranslation('simulation');
  const language = useLanguage();
  const name = nodeNamer(document);
  return (
    <table className="sim-table" data-table="paths">
      <caption>{t('results.paths')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('results.pathCol')}</th>
          <th scope="col" className="num">
            {t('results.countCol')}
          </th>
          <th scope="col" className="num">
            {t('results.shareCol')}
          </th>
        </tr>
      </thead>
      <tbody>
        {result.paths.map((path) => (
          <tr key={path.nodeIds.join('>')}>
            <td>{path.nodeIds.map(name).join(' → ')}</td>
            <td className="num">{formatInteger(path.count, language)}</td>
            <td className="num">{formatPercent(path.share, language)}</td>
          </tr>
        ))}
        {result.otherPaths.count > 0 && (
          <tr>
            <td>{t('results.otherPaths')}</td>
            <td className="num">{formatInteger(result.otherPaths.count, language)}</td>
            <td className="num">{formatPercent(result.otherPaths.share, language)}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** Messages each channel would send per day; days without any are left out. */
export function MessagesTable({ result }: { result: SimulationResult }) {
  const { t } = useTranslation('simulation');
  const language = useLanguage();
  const used = CHANNELS.filter((c) => result.totals.messages[c] > 0);
  const days = result.timeline.filter((d) => used.some((c) => d.messages[c] > 0));
  const dayLabel = new Intl.DateTimeFormat(language === 'es' ? 'es-ES' : 'en-GB', {
    dateStyle: 'medium',
    timeZone: 'UTC',
  });
  return (
    <table className="sim-table" data-table="messages">
      <caption>{t('results.messages')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('results.dayCol')}</th>
          {used.map((c) => (
            <th key={c} scope="col" className="num">
              {t(`results.${c}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {days.map((d) => (
          <tr key={d.date}>
            <td>{dayLabel.format(Date.parse(`${d.date}T00:00:00Z`))}</td>
            {used.map((c) => (
              <td key={c} className="num">
                {formatInteger(d.messages[c], language)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('results.total')}</th>
          {used.map((c) => (
            <td key={c} className="num">
              {formatInteger(result.totals.messages[c], language)}
            </td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}

/** Where leads still wait when the horizon comes. */
export function WaitingTable({
  result,
  document,
}: {
  result: SimulationResult;
  document: FlowDocument;
}) {
  const { t } = useTranslation('simulation');
  const language = useLanguage();
  const name = nodeNamer(document);
  const waiting = result.nodes.filter((n) => n.waiting > 0).sort((a, b) => b.waiting - a.waiting);
  if (waiting.length === 0) return <p className="sim-note">{t('results.noneWaiting')}</p>;
  return (
    <table className="sim-table" data-table="waiting">
      <caption>{t('results.waitingTable')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('results.nodeCol')}</th>
          <th scope="col" className="num">
            {t('results.countCol')}
          </th>
        </tr>
      </thead>
      <tbody>
        {waiting.map((n) => (
          <tr key={n.nodeId}>
            <td>{name(n.nodeId)}</td>
            <td className="num">{formatInteger(n.waiting, language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
