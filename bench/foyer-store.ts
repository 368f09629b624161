/**
 * The pieces of Foyer's store the benchmarks drive, re-exported from one entry so Vite can
 * bundle them (they are TypeScript importing `$lib/...`) into build/bench/foyer-store.js,
 * which plain-JS benchmarks import. The code measured is exactly the code the server runs.
 */
export { Store } from '$lib/server/store/store';
export { PgStore } from '$lib/server/store/pg/pg-store';
export { writeDurably } from '$lib/server/store/durable-file';
export { AuditService } from '$lib/server/audit/audit';
export { systemClock, dayKey } from '$lib/domain/time';
// The export writers (the export section).
export { xlsxStream, csvStream } from '$lib/server/exports/writers';
// The providers' fakes (the payment-real section): test helpers, not product code.
export { FakeWechat } from '../tests/helpers/fake-wechat';
export { FakeAlipay } from '../tests/helpers/fake-alipay';
export { writeProvidersConfig } from '../tests/helpers/providers-config';
