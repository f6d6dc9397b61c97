// Validation benchmark: validateFlow on a generated 500-node flow (every node type, branch
// conditions, A/B splits, loops through waits, merge fields) against a plain zod parse of the
// same document, measured in the same run. Target: median < 20 ms. Prints figures; never
// fails on time.
//
//   node tests/bench/validate.bench.ts            (VALIDATE_BENCH_BLOCKS=50 → 502 nodes)
import { performance } from 'node:perf_hooks';
import { FlowDocument, validateFlow } from '@rumbo/flow';

const BLOCKS = Number(process.env.VALIDATE_BENCH_BLOCKS ?? 50);
const RUNS = Number(process.env.VALIDATE_BENCH_RUNS ?? 200);

type Raw = Record<string, unknown>;

/** Ten nodes per block: email → branch → split/update → wait → next block, with sms, call and webhook aside. */
function generateFlow(blocks: number): Raw {
  const nodes: Raw[] = [
    {
      id: 'entry',
      type: 'entry',
      name: 'Entrada',
      config: { sources: [{ kind: 'event', event: 'signed_up' }] },
    },
    { id: 'goal', type: 'goal', name: 'Compra', config: { value: 40 } },
  ];
  const transitions: Raw[] = [];
  let n = 0;
  const edge = (source: string, target: string, trigger: Raw) => {
    n += 1;
    transitions.push({ id: `t${n}`, source, target, trigger });
  };
  const timeout = (amount: number) => ({ kind: 'timeout', amount, unit: 'days' });
  const signal = (name: string, link?: string) =>
    link ? { kind: 'signal', signal: name, link } : { kind: 'signal', signal: name };
  edge('entry', 'email-0', { kind: 'auto' });
  for (let i = 0; i < blocks; i++) {
    const id = (type: string) => `${type}-${i}`;
    const next = i + 1 < blocks ? `email-${i + 1}` : 'goal';
    nodes.push(
      {
        id: id('email'),
        type: 'email',
        name: `Email ${i}`,
        config: {
          subject: 'Hola {{ lead.name }}, novedades para {{ lead.country }}',
          body: 'Hola {{ lead.name }}:\n\nMira esto: {{ links.offer }}\n\nUn saludo',
          links: [{ id: 'offer', url: `https://www.example.com/oferta/${i}`, label: 'Oferta' }],
        },
      },
      { id: id('branch'), type: 'branch', name: `Condición ${i}`, config: { mode: 'route' } },
      { id: id('split'), type: 'split', name: `A/B ${i}`, config: {} },
      {
        id: id('update'),
        type: 'update',
        name: `Etiquetar ${i}`,
        config: { addTags: [`bloque-${i}`], stage: 'lead' },
      },
      {
        id: id('wait'),
        type: 'wait',
        name: `Esperar ${i}`,
        config: { mode: 'duration', duration: { amount: 2, unit: 'days' } },
      },
      {
        id: id('sms'),
        type: 'sms',
        name: `SMS ${i}`,
        config: { text: '{{ lead.name }}, tu oferta: https://www.example.com/sms' },
      },
      {
        id: id('call'),
        type: 'call',
        name: `Llamada ${i}`,
        config: { script: 'Hola {{ lead.name }}', priority: 'high' },
      },
      {
        id: id('webhook'),
        type: 'webhook',
        name: `CRM ${i}`,
        config: { url: 'https://crm.example.com/leads/{{ lead.key }}' },
      },
      { id: id('exit'), type: 'exit', name: `Salida ${i}`, config: {} },
      { id: id('note'), type: 'note', name: `Nota ${i}`, config: { text: 'Revisar textos' } },
    );
    edge(id('email'), id('branch'), signal('opened'));
    edge(id('email'), id('update'), signal('clicked', 'offer'));
    edge(id('email'), 'goal', { ...signal('purchased'), lookback: { kind: 'enrollment' } });
    edge(id('email'), id('sms'), timeout(3));
    const stageRule = { kind: 'stage', in: ['lead', 'opportunity'] };
    const groupRule = {
      kind: 'group',
      combinator: 'and',
      not: false,
      rules: [
        { kind: 'attribute', path: 'ltv', type: 'number', test: { op: 'gte', value: 100 } },
        {
          kind: 'event',
          name: 'purchased',
          where: [],
          when: { op: 'inLast', duration: { amount: 30, unit: 'days' } },
        },
      ],
    };
    edge(id('branch'), id('split'), { kind: 'condition', order: 0, rule: stageRule });
    edge(id('branch'), id('wait'), { kind: 'condition', order: 1, rule: groupRule });
    edge(id('branch'), id('call'), { kind: 'else' });
    edge(id('split'), id('wait'), { kind: 'split', weight: 50 });
    edge(id('split'), id('update'), { kind: 'split', weight: 50 });
    edge(id('update'), id('wait'), { kind: 'auto' });
    edge(id('wait'), next, { kind: 'auto' });
    edge(id('sms'), id('wait'), signal('clicked'));
    // A loop back to the previous block's email, through a signal: allowed, it waits.
    edge(id('sms'), i > 0 ? `email-${i - 1}` : id('call'), signal('replied'));
    edge(id('sms'), id('call'), timeout(2));
    edge(id('call'), 'goal', signal('objective_achieved'));
    edge(id('call'), id('webhook'), signal('interested'));
    edge(id('call'), id('exit'), signal('not_interested'));
    edge(id('call'), id('wait'), signal('no_answer'));
    edge(id('call'), id('exit'), timeout(7));
    edge(id('webhook'), id('wait'), signal('success'));
    edge(id('webhook'), id('exit'), signal('failure'));
    edge(id('webhook'), id('exit'), timeout(1));
  }
  return { schemaVersion: 1, settings: { code: 'BENCH', name: 'Benchmark' }, nodes, transitions };
}

interface Figures {
  median: number;
  p95: number;
}

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

function figures(times: number[]): Figures {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
}

interface Sample {
  wall: number;
  /** CPU time of this process (ms): on a machine shared with other work it moves less than wall time. */
  cpu: number;
}

function time(run: () => void): Sample {
  const cpu = process.cpuUsage();
  const start = performance.now();
  run();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

/**
 * Baseline and subject alternate run by run, so a busy machine (other processes on the same
 * cores) slows both alike and the per-run ratio stays meaningful.
 */
function compare(baseline: () => void, subject: () => void) {
  for (let i = 0; i < 20; i++) {
    baseline();
    subject();
  }
  const base: Sample[] = [];
  const sub: Sample[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const b = time(baseline);
    const s = time(subject);
    base.push(b);
    sub.push(s);
    ratios.push(s.wall / b.wall);
  }
  return {
    base: figures(base.map((x) => x.wall)),
    subject: figures(sub.map((x) => x.wall)),
    baseCpu: figures(base.map((x) => x.cpu)),
    subjectCpu: figures(sub.map((x) => x.cpu)),
    ratio: figures(ratios).median,
  };
}

const line = (label: string, f: Figures) =>
  console.log(
    `${label.padEnd(34)} median ${f.median.toFixed(2).padStart(7)} ms   p95 ${f.p95.toFixed(2).padStart(7)} ms`,
  );

const doc = generateFlow(BLOCKS);
const text = JSON.stringify(doc);
const options = { knownFields: ['country', 'ltv'] };
const check = validateFlow(JSON.parse(text), options);
const errors = check.issues.filter((i) => i.severity === 'error');
const nodes = (doc.nodes as unknown[]).length;
const transitions = (doc.transitions as unknown[]).length;
console.log(
  `validateFlow benchmark: ${nodes} nodes, ${transitions} transitions, ${(text.length / 1024).toFixed(0)} KiB, ${RUNS} runs`,
);
console.log(
  `generated flow: ${check.issues.length} issues (${errors.length} errors)${errors[0] ? `, first: ${errors[0].code}` : ''}`,
);

const input = JSON.parse(text);
const result = compare(
  () => FlowDocument.safeParse(input),
  () => validateFlow(input, options),
);
line('baseline: FlowDocument.safeParse', result.base);
line('validateFlow (all rules)', result.subject);
line('  cpu time: safeParse', result.baseCpu);
line('  cpu time: validateFlow', result.subjectCpu);
console.log(
  `ratio validateFlow / zod parse (median of per-run ratios): ×${result.ratio.toFixed(2)}`,
);
const verdict = (ms: number) => (ms < 20 ? 'met' : 'NOT met');
console.log(
  `target < 20 ms: wall ${verdict(result.subject.median)} (${result.subject.median.toFixed(2)} ms), ` +
    `cpu ${verdict(result.subjectCpu.median)} (${result.subjectCpu.median.toFixed(2)} ms); ` +
    'cpu time is the fairer figure when other processes share the cores',
);
