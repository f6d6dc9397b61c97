import { CURRENT_SCHEMA_VERSION } from '@rumbo/flow';

console.log(`rumbo: flow schema v${CURRENT_SCHEMA_VERSION}; the server is not assembled yet`);
