/** The longest side a photo keeps: enough to see a leak or a crack, small enough to send. */
const MAX_SIDE = 1280;
const QUALITY = 0.75;

/**
 * Shrinks a phone photo (often 3–8 MB) to a JPEG of at most MAX_SIDE pixels before it is
 * sent, so a report with three photos goes through a slow mobile connection and the server's
 * request size limit. Anything the browser cannot decode (HEIC on some phones) is sent as it
 * is and the server decides (it accepts JPEG, PNG and WebP by their bytes).
 */
export async function shrinkPhoto(file: File): Promise<File> {
	if (!file.type.startsWith('image/') || typeof createImageBitmap !== 'function') return file;
	try {
		const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
		const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
		const canvas = document.createElement('canvas');
		canvas.width = Math.round(bitmap.width * scale);
		canvas.height = Math.round(bitmap.height * scale);
		canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
		bitmap.close();
		const blob = await new Promise<Blob | null>((done) =>
			canvas.toBlob(done, 'image/jpeg', QUALITY)
		);
		if (!blob || blob.size >= file.size) return file;
		const name = file.name.replace(/\.\w+$/, '') || 'photo';
		return new File([blob], `${name}.jpg`, { type: 'image/jpeg' });
	} catch {
		return file;
	}
}
