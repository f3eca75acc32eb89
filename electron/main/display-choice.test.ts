import { describe, expect, it } from 'vitest';
import { chooseDisplay, describeDisplays } from './display-choice';

const d = (id: number, x: number) => ({ id, bounds: { x, y: 0, width: 1920, height: 1080 }, workArea: { x, y: 0, width: 1920, height: 1040 } });
const displays = [d(11, 0), d(22, 1920), d(33, 3840)];

describe('the wall display', () => {
  it('follows the deployment (LIANDONG_DISPLAY index) over the settings', () => {
    expect(chooseDisplay(displays, displays[0]!, { envIndex: 2, settingId: 22 }).display.id).toBe(33);
  });
  it('follows the settings by display id when the deployment does not say', () => {
    expect(chooseDisplay(displays, displays[0]!, { envIndex: null, settingId: 22 })).toEqual({ display: displays[1], note: null });
  });
  it('falls back to the primary display, saying why, when the chosen one is not connected', () => {
    expect(chooseDisplay(displays, displays[0]!, { envIndex: null, settingId: 99 })).toMatchObject({ display: { id: 11 }, note: expect.stringMatching(/99 .*not connected/) });
    expect(chooseDisplay(displays, displays[0]!, { envIndex: 5, settingId: null })).toMatchObject({ display: { id: 11 }, note: expect.stringMatching(/display 5/) });
  });
  it('lists displays for the settings screen, naming unnamed ones and marking the primary', () => {
    expect(describeDisplays(displays, displays[1]!).map((x) => [x.label, x.primary])).toEqual([['显示器 1', false], ['显示器 2', true], ['显示器 3', false]]);
  });
});
