/** The station's ring while a call waits for its answer: two short tones every two seconds (Web Audio). */
import { useEffect } from 'react';

export function useRing(ringing: boolean): void {
  useEffect(() => {
    if (!ringing) return;
    let ctx: AudioContext | undefined;
    try {
      ctx = new AudioContext();
    } catch {
      return; // no audio device: the screen still flashes
    }
    const beep = () => {
      for (const at of [0, 0.35]) {
        const osc = ctx!.createOscillator();
        const gain = ctx!.createGain();
        osc.frequency.value = 880;
        gain.gain.value = 0.2;
        osc.connect(gain).connect(ctx!.destination);
        osc.start(ctx!.currentTime + at);
        osc.stop(ctx!.currentTime + at + 0.25);
      }
    };
    beep();
    const id = setInterval(beep, 2000);
    return () => {
      clearInterval(id);
      void ctx?.close();
    };
  }, [ringing]);
}
