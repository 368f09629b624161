// zod compiles object schemas with `new Function` when it may; finding out means trying it,
// and under Foyer's CSP (no 'unsafe-eval') the browser reports that try as a violation even
// though zod catches it. Pages parse little, so the interpreter is fast enough. zod keeps its
// settings on `globalThis.__zod_globalConfig` and adopts an object already there, so this sets
// `jitless` without importing zod: pages that never use zod (the kiosk) do not download it.
const zodGlobal = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
zodGlobal.__zod_globalConfig = { ...zodGlobal.__zod_globalConfig, jitless: true };
