import type { LiandongContract } from '../../../shared/contract';
import type { Handler } from '../../../shared/rpc/define';
import type { MapService } from '../map/map-service';

type M = 'map.pack' | 'map.setPack' | 'map.resetPack' | 'map.points' | 'map.heat';

export function mapHandlers(map: MapService): { [K in M]: Handler<LiandongContract, K> } {
  return {
    'map.pack': () => map.pack(),
    'map.setPack': ({ text }) => map.setPack(text),
    'map.resetPack': () => map.resetPack(),
    'map.points': ({ since }) => map.points(since),
    'map.heat': ({ days }) => map.heat(days),
  };
}
