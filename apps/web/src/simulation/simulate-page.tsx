import {
  CampaignDetail,
  type CsvLeadsResult,
  calibrateAssumptions,
  defaultAssumptions,
  generateFakeLeads,
  type LeadSnapshot,
  policiesInForce,
  ResponseHistory,
  type ResponseRate,
  validateFlow,
} from '@rumbo/flow';
import type { ContactPolicies } from '@rumbo/flow/policy';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import { campaignKeys } from '../api/campaigns.queries.ts';
import { PageHeader } from '../app/page-header.tsx';
import { useLanguage } from '../i18n/use-language.ts';
import { useReviews } from '../review/review.queries.ts';
import { ReviewAttach } from '../review/review-attach.tsx';
import { sourceOf } from '../review/simulation-summary.ts';
import { usePolicies } from '../settings/settings.api.ts';
import { CompareOutcome, CompareToggle, useCompareRun } from './compare/compare-panel.tsx';
import { checkForm, type FieldError, type FormValues, initialValues } from './form/form-values.ts';
import { SegmentSampleStatus, useSegmentSampler } from './form/segment-sample.tsx';
import { SimulationForm } from './form/simulation-form.tsx';
import { PoliciesNote } from './policies-note.tsx';
import { SimulationResults } from './results/simulation-results.tsx';
import { useServerSimulation } from './server/use-server-simulation.ts';
import { SimulationRunStatus } from './simulation-run.tsx';
import { LeadStepper } from './stepper/lead-stepper.tsx';
import { ValidationState } from './validation-state.tsx';
import { useSimulationWorker } from './worker/use-simulation-worker.ts';
import type { SimulationJob } from './worker/worker-protocol.ts';

const NO_RATES: readonly ResponseRate[] = [];

/**
 * The job's `policies` key: only when the workspace has rules in force, as the server does. A
 * run submitted before the policies arrived waits for them (the submit refetches).
 */
function policiesOf(saved: ContactPolicies | undefined): { policies?: ContactPolicies } {
  const inForce = saved ? policiesInForce(saved) : undefined;
  return inForce ? { policies: inForce } : {};
}

/** Leads offered in the stepper: the first of the sample (the generator is a prefix-stable stream). */
const STEPPER_LEADS = 50;

function stepperLeads(job: SimulationJob): LeadSnapshot[] {
  if (job.leads.kind === 'inline') return job.leads.items.slice(0, STEPPER_LEADS);
  return generateFakeLeads(
    { ...job.leads, count: Math.min(job.leads.count, STEPPER_LEADS) },
    job.options.start,
  );
}

function SimulateWorkspace({
  campaign,
  rates,
}: {
  campaign: CampaignDetail;
  rates: readonly ResponseRate[];
}) {
  const document = campaign.draft;
  // Channel defaults, with the real response rates of past campaigns where there are enough.
  const calibrated = useMemo(
    () => calibrateAssumptions(document, defaultAssumptions(document), rates),
    [document, rates],
  );
  const defaults = calibrated.assumptions;
  const language = useLanguage();
  const [values, setValues] = useState<FormValues>(() =>
    initialValues(defaults, new Date().toISOString().slice(0, 10), language === 'es' ? ',' : '.'),
  );
  const [errors, setErrors] = useState<Record<string, FieldError>>({});
  const [csv, setCsv] = useState<CsvLeadsResult | null>(null);
  const [lastJob, setLastJob] = useState<SimulationJob | null>(null);
  const [fromSegment, setFromSegment] = useState(false);
  const sampler = useSegmentSampler();
  const inBrowser = useSimulationWorker();
  const onServer = useServerSimulation();
  const [where, setWhere] = useState<'browser' | 'server'>('browser');
  const worker = where === 'server' ? onServer : inBrowser;
  const [params] = useSearchParams();
  const reviewId = params.get('review');
  const published = useReviews(campaign.id).data?.published ?? null;
  const compare = useCompareRun(published);
  // The workspace's contact policies, as the server reads them for its runs (same bytes).
  const policiesQuery = usePolicies();
  const workspacePolicies = policiesQuery.data?.policies;
  const policies = useMemo(
    () => (workspacePolicies ? policiesInForce(workspacePolicies) : undefined),
    [workspacePolicies],
  );
  const hasErrors = useMemo(
    () => validateFlow(document).issues.some((i) => i.severity === 'error'),
    [document],
  );

  /** The same job runs in this tab's Web Worker or on the server; the page shows either alike. */
  const submit = async (target: 'browser' | 'server') => {
    const check = checkForm(values, defaults, csv?.leads ?? null);
    setErrors(check.errors);
    if (!check.job) return;
    const resolved = await sampler.resolve(check.job.leads);
    if (!resolved) return;
    const saved = policiesQuery.data ?? (await policiesQuery.refetch()).data;
    const job: SimulationJob = {
      flow: document,
      ...check.job,
      leads: resolved.leads,
      ...policiesOf(saved?.policies),
    };
    setLastJob(job);
    setFromSegment(resolved.fromSegment);
    (target === 'server' ? inBrowser : onServer).cancel();
    setWhere(target);
    (target === 'server' ? onServer : inBrowser).run(job);
    compare.run(job);
  };

  const { state } = worker;
  return (
    <>
      <ValidationState document={document} campaignId={campaign.id} />
      {!hasErrors && (
        <SimulationForm
          document={document}
          defaults={defaults}
          values={values}
          errors={errors}
          running={state.status === 'running' || sampler.state?.status === 'loading'}
          onChange={setValues}
          onCsv={setCsv}
          onSubmit={() => void submit('browser')}
          onSubmitServer={() => void submit('server')}
          history={calibrated.origins}
        />
      )}
      {!hasErrors && (
        <CompareToggle
          published={published}
          checked={compare.enabled}
          onChange={compare.setEnabled}
        />
      )}
      {!hasErrors && <PoliciesNote policies={policies} />}
      <SegmentSampleStatus state={sampler.state} />
      <SimulationRunStatus state={state} document={document} onCancel={worker.cancel} />
      {state.status === 'done' && reviewId && lastJob && (
        <ReviewAttach
          campaignId={campaign.id}
          reviewId={reviewId}
          draftRevision={campaign.draftRevision}
          result={state.result}
          source={sourceOf(lastJob.leads, fromSegment)}
        />
      )}
      {state.status === 'done' && <DownloadResult json={state.json} code={campaign.code} />}
      {state.status === 'done' && <SimulationResults result={state.result} document={document} />}
      {state.status === 'done' && published && (
        <CompareOutcome
          state={compare.state}
          draft={{ document, result: state.result }}
          published={published}
        />
      )}
      {state.status === 'done' && lastJob && (
        <LeadStepper flow={document} leads={stepperLeads(lastJob)} job={lastJob} />
      )}
    </>
  );
}

/** The result exactly as the simulator wrote it, for a review file or a second opinion. */
function DownloadResult({ json, code }: { json: string; code: string }) {
  const { t } = useTranslation('simulation');
  const href = useMemo(
    () => URL.createObjectURL(new Blob([json], { type: 'application/json' })),
    [json],
  );
  return (
    <a
      className="button button--secondary"
      href={href}
      download={`simulacion-${code}.json`}
      data-testid="download-result"
    >
      {t('results.download')}
    </a>
  );
}

/** `/campaigns/:campaignId/simulate`: the reviewer's simulation of the campaign's draft. */
export function SimulatePage() {
  const { campaignId = '' } = useParams();
  const { t } = useTranslation('simulation');
  const api = useApi();
  const campaign = useQuery({
    queryKey: [...campaignKeys.all, 'detail', campaignId],
    queryFn: ({ signal }) =>
      api.get(`/api/v1/campaigns/${encodeURIComponent(campaignId)}`, CampaignDetail, { signal }),
    retry: false,
  });
  // Past campaigns' response rates; without them (or on failure) the channel defaults stand.
  const history = useQuery({
    queryKey: ['simulations', 'history'],
    queryFn: ({ signal }) => api.get('/api/v1/simulations/history', ResponseHistory, { signal }),
    retry: false,
  });
  const name = campaign.data?.name ?? '';
  return (
    <div className="page sim-page">
      <PageHeader
        title={campaign.data ? t('page.title', { name }) : t('page.loading')}
        subtitle={t('page.intro')}
        actions={
          <Link to={`/campaigns/${campaignId}`} className="button button--secondary">
            {t('page.backToDesigner')}
          </Link>
        }
      />
      {campaign.isError && (
        <p className="sim-notice sim-notice--warning" role="alert">
          {t('page.loadFailed', { message: campaign.error.message })}
        </p>
      )}
      {campaign.isPending && <p role="status">{t('page.loading')}</p>}
      {campaign.data && !history.isPending && (
        <SimulateWorkspace campaign={campaign.data} rates={history.data?.rates ?? NO_RATES} />
      )}
    </div>
  );
}
