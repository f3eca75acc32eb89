import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../../shared/hub-meeting';
import { mediaMoment } from './media-moment';

const link = (id: string, via: 'console' | 'phone', stationCode: string, endedAt: number | null = null) => ({ id, via, stationCode, endedAt }) as unknown as Meeting['links'][number];
const meeting = (links: Meeting['links'], talkTo: string | null, endedAt: number | null = null) => ({ links, talkTo, endedAt }) as unknown as Meeting;

describe('when the console may use the camera and the microphone', () => {
  it('a station: camera and microphone while a console link to its own site is open', () => {
    expect(mediaMoment([meeting([link('a', 'console', '320613004')], null)], 'station', '320613004')).toEqual({ camera: true, microphone: true });
    expect(mediaMoment([meeting([link('a', 'phone', '320613004')], null)], 'station', '320613004')).toEqual({ camera: false, microphone: false });
    expect(mediaMoment([meeting([link('a', 'console', '320613005')], null)], 'station', '320613004')).toEqual({ camera: false, microphone: false });
    expect(mediaMoment([meeting([link('a', 'console', '320613004', 5)], null)], 'station', '320613004')).toEqual({ camera: false, microphone: false });
  });

  it('the command centre: the microphone only while the chair speaks to an open link of a meeting under way', () => {
    expect(mediaMoment([meeting([link('a', 'console', '320613004')], null)], 'console', null)).toEqual({ camera: false, microphone: false });
    expect(mediaMoment([meeting([link('a', 'console', '320613004')], 'a')], 'console', null)).toEqual({ camera: false, microphone: true });
    expect(mediaMoment([meeting([link('a', 'console', '320613004', 9)], 'a')], 'console', null)).toEqual({ camera: false, microphone: false });
    expect(mediaMoment([meeting([link('a', 'console', '320613004')], 'a', 10)], 'console', null)).toEqual({ camera: false, microphone: false });
  });
});
