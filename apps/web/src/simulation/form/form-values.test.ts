import { defaultAssumptions, findTemplate, generateFakeLeads } from '@rumbo/flow';
import { describe, expect, it } from 'vitest';
import { checkForm, type FormValues, initialValues } from './form-values.ts';

const template = findTemplate('seed-free-sample');
if (!template) throw new Error('template missing');
const flow = template.build('es');
const defaults = defaultAssumptions(flow);
const firstId = Object.keys(defaults.transitions)[0] ?? '';
const base = (): FormValues => initialValues(defaults, '2026-12-01');
const codes = (values: FormValues, csv: Parameters<typeof checkForm>[2] = null) =>
  Object.fromEntries(
    Object.entries(checkForm(values, defaults, csv).errors).map(([k, e]) => [k, e.code]),
  );

describe('checkForm', () => {
  it('turns the pre-filled form into a job that keeps the channel defaults as they are', () => {
    const { errors, job } = checkForm(base(), defaults, null);
    expect(errors).toEqual({});
    expect(job?.leads).toEqual({ kind: 'fake', count: 1000, locale: 'es', seed: 'revision-1' });
    expect(job?.assumptions).toEqual(defaults);
    expect(job?.options).toMatchObject({
      horizonDays: 30,
      start: Date.parse('2026-12-01T09:00:00Z'),
    });
  });

  it('marks a probability the reviewer changed as their own, read from percent with a comma', () => {
    const values = base();
    values.transitions[firstId] = { percent: '45,5', hours: '10' };
    const edited = checkForm(values, defaults, null).job?.assumptions?.transitions[firstId];
    expect(edited).toMatchObject({ probability: 0.455, source: 'user' });
  });

  it('puts an error on each bad field: probability outside 0–100, horizon 0 or ten years, N', () => {
    const values = base();
    values.transitions[firstId] = { percent: '150', hours: '-1' };
    values.horizonDays = '0';
    values.count = '0';
    values.seed = ' ';
    expect(codes(values)).toEqual({
      [`t:${firstId}:percent`]: 'percentRange',
      [`t:${firstId}:hours`]: 'hoursRange',
      horizonDays: 'horizonZero',
      count: 'countRange',
      seed: 'required',
    });
    expect(codes({ ...base(), horizonDays: '3650', count: '10,5' })).toEqual({
      horizonDays: 'horizonTooLong',
      count: 'notInteger',
    });
    expect(codes({ ...base(), count: '1000000', startDate: '' })).toEqual({
      count: 'countRange',
      startDate: 'required',
    });
    expect(codes({ ...base(), horizonDays: 'treinta' })).toEqual({ horizonDays: 'notNumber' });
  });

  it('needs an uploaded file with leads when the source is a CSV', () => {
    expect(codes({ ...base(), source: 'csv' })).toEqual({ csv: 'csvMissing' });
    const leads = generateFakeLeads({ count: 3, locale: 'es', seed: 'csv' }, Date.now());
    const { job } = checkForm({ ...base(), source: 'csv' }, defaults, leads);
    expect(job?.leads).toEqual({ kind: 'inline', items: leads });
  });
});

describe('checkForm with a segment sample', () => {
  it('asks for a segment and caps N at the inline limit, then hands the page what to sample', () => {
    const values = { ...base(), source: 'segment' as const, count: '25000' };
    expect(codes(values)).toEqual({ segmentId: 'segmentMissing', count: 'countRange' });
    const ready = checkForm(
      { ...values, segmentId: '0b5c3f4e-1f7a-4a57-9d61-3f0d0e7f1a11', count: '500' },
      defaults,
      null,
    );
    expect(ready.errors).toEqual({});
    expect(ready.job?.leads).toEqual({
      kind: 'segment',
      segmentId: '0b5c3f4e-1f7a-4a57-9d61-3f0d0e7f1a11',
      count: 500,
      seed: 'revision-1',
    });
  });
});
