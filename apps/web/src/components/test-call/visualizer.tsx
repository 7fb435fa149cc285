'use client';

import { useEffect, useRef } from 'react';

/** Live level bars for the caller's microphone (blue) and the agent's voice (green). */
export function AudioVisualizer({
  input,
  output,
}: {
  input: AnalyserNode | undefined;
  output: AnalyserNode | undefined;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    let frame = 0;
    const inputBins = new Uint8Array(input?.frequencyBinCount ?? 128);
    const outputBins = new Uint8Array(output?.frequencyBinCount ?? 128);
    const draw = () => {
      const { width, height } = canvas;
      context.clearRect(0, 0, width, height);
      input?.getByteFrequencyData(inputBins);
      output?.getByteFrequencyData(outputBins);
      const bars = 48;
      const barWidth = width / bars;
      for (let i = 0; i < bars; i++) {
        const bin = Math.floor((i / bars) * 64);
        const caller = ((inputBins[bin] ?? 0) / 255) * (height / 2 - 2);
        const agent = ((outputBins[bin] ?? 0) / 255) * (height / 2 - 2);
        context.fillStyle = '#2f6fed';
        context.fillRect(i * barWidth + 1, height / 2 - caller, barWidth - 2, caller);
        context.fillStyle = '#10b981';
        context.fillRect(i * barWidth + 1, height / 2, barWidth - 2, agent);
      }
      context.fillStyle = '#e2e8f0';
      context.fillRect(0, height / 2, width, 1);
      frame = requestAnimationFrame(draw);
    };
    draw();
    return () => cancelAnimationFrame(frame);
  }, [input, output]);

  return (
    <canvas
      ref={canvasRef}
      width={480}
      height={120}
      className="h-28 w-full rounded-lg bg-slate-50 ring-1 ring-slate-200"
      aria-label="Audio levels: caller above the line, agent below"
      role="img"
    />
  );
}
