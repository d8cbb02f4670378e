/**
 * Two short beeps, made in the browser (no sound file to ship). A browser that has not had a click on the
 * page yet may refuse to play; the visual alert carries the message either way.
 */
export function playAlertSound(): void {
  try {
    const context = new AudioContext();
    for (const startsAt of [0, 0.3]) {
      const tone = context.createOscillator();
      const volume = context.createGain();
      tone.frequency.value = 880;
      volume.gain.value = 0.2;
      tone.connect(volume).connect(context.destination);
      tone.start(context.currentTime + startsAt);
      tone.stop(context.currentTime + startsAt + 0.18);
    }
    setTimeout(() => void context.close(), 1000);
  } catch {
    // no audio here (or not allowed yet): the banner is the alert
  }
}
