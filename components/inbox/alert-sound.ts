"use client";

// One AudioContext for the tab, created (or resumed) by a click so that browsers let it play.
let context: AudioContext | null = null;

export function unlockAlertSound() {
  try {
    context ??= new AudioContext();
    void context.resume();
  } catch {
    // no Web Audio: alerts stay silent
  }
}

/** A short beep; silent until the page was clicked once (the browser's rule). */
export function beep() {
  try {
    context ??= new AudioContext();
    if (context.state !== "running") return;
    const osc = context.createOscillator();
    const gain = context.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, context.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 0.3);
    osc.connect(gain).connect(context.destination);
    osc.start();
    osc.stop(context.currentTime + 0.3);
  } catch {
    // blocked or unavailable
  }
}
