'use client';

import { useCallback, useEffect, useState } from 'react';

export interface AudioDevices {
  microphones: MediaDeviceInfo[];
  /** Asks for microphone permission so devices get their labels, then lists them again. */
  requestAccess: () => Promise<void>;
  error: string | undefined;
}

/** The microphones the browser offers, kept current when devices are plugged in or out. */
export function useAudioDevices(): AudioDevices {
  const [microphones, setMicrophones] = useState<MediaDeviceInfo[]>([]);
  const [error, setError] = useState<string>();

  const refresh = useCallback(async () => {
    if (!navigator.mediaDevices?.enumerateDevices) {
      setError('This browser cannot list microphones.');
      return;
    }
    const devices = await navigator.mediaDevices.enumerateDevices();
    setMicrophones(devices.filter((device) => device.kind === 'audioinput'));
  }, []);

  const requestAccess = useCallback(async () => {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      for (const track of stream.getTracks()) track.stop();
      setError(undefined);
    } catch (cause) {
      setError(
        cause instanceof Error ? `Microphone access failed: ${cause.message}` : 'Microphone access failed',
      );
    }
    await refresh();
  }, [refresh]);

  useEffect(() => {
    void refresh();
    const media = navigator.mediaDevices;
    if (!media) return;
    media.addEventListener('devicechange', refresh);
    return () => media.removeEventListener('devicechange', refresh);
  }, [refresh]);

  return { microphones, requestAccess, error };
}
