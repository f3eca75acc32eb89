/**
 * The exact command that starts a station console against this console's embedded hub: its address, the
 * station's token, the station role and code, and a data folder of its own beside this one (two consoles
 * never share a store or a web host identity).
 */
import path from 'node:path';

/** A value as one shell word: as it is when it is plain, else in single quotes. */
export const shellWord = (v: string): string => (/^[\w@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);

/** The data folder the station console is told to use: next to the chair's, named by the station. */
export const stationDataDir = (dataDir: string, stationCode: string): string => path.join(path.dirname(path.resolve(dataDir)), `${path.basename(path.resolve(dataDir))}-station-${stationCode}`);

export function stationCommand(o: { hubUrl: string; token: string; stationCode: string; dataDir: string }): string {
  const env: [string, string][] = [
    ['LIANDONG_HUB_URL', o.hubUrl],
    ['LIANDONG_HUB_TOKEN', o.token],
    ['LIANDONG_ROLE', 'station'],
    ['LIANDONG_STATION', o.stationCode],
    ['LIANDONG_DATA_DIR', stationDataDir(o.dataDir, o.stationCode)],
  ];
  return `${env.map(([k, v]) => `${k}=${shellWord(v)}`).join(' ')} npm start`;
}
