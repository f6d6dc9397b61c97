// Runtime helpers for the runner: pure routing tables over a flow document.

export * from './eligibility.ts';
export * from './node-routes.ts';
