import { z } from 'zod';

/**
 * A number as a form or a JSON body sends it: a number, or its digits as text (the only kind a
 * form has). Unlike `z.coerce.number()`, nothing else becomes a number: `true`, `[]`, `[30]`,
 * `{}` and `''` are refused rather than read as 1, 0, 30 … Pipe it into the number's rules:
 * `numeric().pipe(z.number().int().min(15))`.
 */
export function numeric(error?: string) {
	return z.union(
		[
			z.number(),
			z
				.string()
				.trim()
				.regex(/^-?\d+(\.\d+)?$/)
				.transform(Number)
		],
		error === undefined ? undefined : { error }
	);
}
