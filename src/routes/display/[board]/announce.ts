/**
 * A two-tone chime (Web Audio, no sound file to load) and, when asked, the call spoken in
 * Chinese. Wall-screen Chromium runs with --autoplay-policy=no-user-gesture-required, so
 * sound plays without a touch (see display/foyer-display.sh).
 */
let context: AudioContext | null = null;

export function announce(speech: string | null): void {
	try {
		context ??= new AudioContext();
		const ctx = context;
		[880, 660].forEach((freq, i) => {
			const osc = ctx.createOscillator();
			const gain = ctx.createGain();
			osc.frequency.value = freq;
			const start = ctx.currentTime + i * 0.35;
			gain.gain.setValueAtTime(0.0001, start);
			gain.gain.exponentialRampToValueAtTime(0.4, start + 0.02);
			gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.3);
			osc.connect(gain).connect(ctx.destination);
			osc.start(start);
			osc.stop(start + 0.32);
		});
	} catch {
		// No audio device: the flash still shows.
	}
	if (speech && 'speechSynthesis' in window) {
		const u = new SpeechSynthesisUtterance(speech);
		u.lang = 'zh-CN';
		u.rate = 0.9;
		setTimeout(() => speechSynthesis.speak(u), 800);
	}
}
