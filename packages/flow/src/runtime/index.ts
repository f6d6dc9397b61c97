// Runtime helpers for the runner and the simulator: pure routing tables over a flow document.

export * from './eligibility.ts';
export * from './entry-validity.ts';
export * from './node-routes.ts';
export * from './route-table.ts';
