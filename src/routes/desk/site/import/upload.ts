/**
 * What a JSON endpoint answered: its body, or the translated message of its problem (null
 * when nothing readable came back: the page then says so in its own words).
 */
export type Answer<T> = { ok: true; body: T } | { ok: false; message: string | null };

/**
 * Posts a form with XMLHttpRequest, which (unlike fetch) reports upload progress: a 10 MB
 * workbook on a slow office line takes a while, and the desk should show it moving.
 */
export function upload<T>(
	url: string,
	form: FormData,
	onProgress?: (percent: number) => void
): Promise<Answer<T>> {
	return new Promise((resolve) => {
		const xhr = new XMLHttpRequest();
		xhr.open('POST', url);
		xhr.setRequestHeader('accept', 'application/json');
		xhr.upload.onprogress = (e) => {
			if (e.lengthComputable) onProgress?.(Math.round((e.loaded / e.total) * 100));
		};
		xhr.onload = () => {
			let body: unknown = null;
			try {
				body = JSON.parse(xhr.responseText);
			} catch {
				// A refusal in plain text (a proxy, the body limit): show it as it came.
			}
			if (xhr.status >= 200 && xhr.status < 300) resolve({ ok: true, body: body as T });
			else {
				const error = (body as { error?: { message?: string }; message?: string } | null) ?? null;
				resolve({
					ok: false,
					message: error?.error?.message ?? error?.message ?? null
				});
			}
		};
		xhr.onerror = () => resolve({ ok: false, message: null });
		xhr.send(form);
	});
}
