import { z } from 'zod';

// zod compiles object schemas with `new Function` when it may; finding out means trying it,
// and under Foyer's CSP (no 'unsafe-eval') the browser reports that try as a violation even
// though zod catches it. Pages parse little, so the interpreter is fast enough.
z.config({ jitless: true });
