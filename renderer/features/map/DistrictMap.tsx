/**
 * The live district map (maplibre-gl, fully offline): sub-district areas shaded by open load, closed
 * history as heat, open tickets as points (status colour, whistle ring, overdue halo, 三跨 dot; hollow when placed
 * from the address, not the ticket's own coordinates), clustered at low zoom. Tickets not placed have no point:
 * the count says how many. Click a point → its ticket card; click a cluster → zoom in. Says 示意 for a schematic pack.
 * The map itself is a service kept across views (district-map-controller.ts); this component lends it a place.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { TicketCounts } from '../../../shared/contract';
import { useClient } from '../../app/client-context';
import { useI18n } from '../../app/i18n';
import { useLiveQuery } from '../../app/use-live-query';
import { districtMap, type DistrictMapState } from './district-map-controller';
import { HEAT_DAYS } from './heat-layer';
import { STATUS_COLOURS } from './map-style';

const NOTHING_YET: DistrictMapState = { shown: null, heat: null, selectedUnplaced: null };
const noController = () => () => {};

type Props = {
  onSelect: (ticketNo: string) => void;
  /** The ticket whose card is open: marked where it is. */
  selected?: string | null;
  /** The stream beside is filtered (the map is not): the map says so. */
  streamFiltered?: boolean;
  /** The overview's counts (read once for its tiles and this map). */
  counts?: TicketCounts;
};

export function DistrictMap({ onSelect, selected = null, streamFiltered = false, counts }: Props) {
  const { t, place, locale } = useI18n();
  const client = useClient();
  const host = useRef<HTMLDivElement>(null);
  const pack = useLiveQuery('map.pack', {}, ['map.packChanged']).data;
  // A station's console shows its own sub-district: the view fits it, and only its area carries a count.
  const app = useLiveQuery('app.info', {}, []).data;
  const own = app === undefined ? undefined : app.role === 'station' ? app.stationCode : null;
  const title = t('map.title');
  const controller = useMemo(
    () => (pack && own !== undefined ? districtMap({ client, pack, own, title, placeName: place }, locale) : null),
    [client, pack, own, locale, title, place],
  );
  const state = useSyncExternalStore(controller?.subscribe ?? noController, controller?.getState ?? (() => NOTHING_YET));

  useEffect(() => {
    if (!controller || !host.current) return;
    controller.attach(host.current);
    return () => controller.detach();
  }, [controller]);
  useEffect(() => {
    if (controller) controller.onSelect = onSelect;
  }, [controller, onSelect]);
  useEffect(() => {
    if (controller && counts) controller.showCounts(counts.bySubDistrict);
  }, [controller, counts]);
  useEffect(() => controller?.select(selected), [controller, selected]);

  const { shown, heat, selectedUnplaced } = state;
  return (
    <div className="map-side">
      <section className="map-panel" aria-label={title} data-testid="district-map" data-heat-cells={heat?.cells} data-heat-peak={heat?.peak}>
        <div ref={host} className="map-host-slot" />
        {pack?.schematic && (
          <div className="map-schematic" title={t('map.schematicHint')}>
            {t('map.schematic')}
          </div>
        )}
        {selectedUnplaced && selectedUnplaced === selected && (
          <div className="map-note" data-testid="map-selected-unplaced" data-ticket={selectedUnplaced}>
            {t('map.selectedUnplaced')}
          </div>
        )}
        {shown && (
          <div className="map-count" data-testid="map-count">
            {t('map.openPoints', { n: shown.points })}
            {shown.unplaced > 0 && <span className="map-unplaced" data-testid="map-unplaced">{t('map.unplaced', { n: shown.unplaced })}</span>}
            {streamFiltered && <span className="map-unfiltered" data-testid="map-unfiltered">{t('map.unfiltered')}</span>}
          </div>
        )}
      </section>
      <ul className="map-legend" data-testid="map-legend">
        {(['received', 'dispatched', 'accepted', 'onSite', 'resolved', 'returned'] as const).map((s) => (
          <li key={s}>
            <i style={{ background: STATUS_COLOURS[s] }} />
            {t(`status.${s}`)}
          </li>
        ))}
        <li>
          <i className="ring ring-key" />
          {t('whistle.key')}
        </li>
        <li>
          <i className="ring ring-difficult" />
          {t('whistle.difficult')}
        </li>
        <li>
          <i className="halo" />
          {t('wall.overdue')}
        </li>
        <li>
          <i style={{ background: '#b26bff' }} />
          {t('cross.any')}
        </li>
        <li className="placement-key">
          <span data-testid="legend-exact">
            <i className="solid" />
            {t('map.exactKey')}
          </span>
          <span data-testid="legend-approximate">
            <i className="hollow" />
            {t('map.approximateKey')}
          </span>
        </li>
        <li className="heat-key">
          <i className="heat" />
          {t('map.heatKey', { days: HEAT_DAYS })}
        </li>
        <li className="load-key">
          <i className="load" />
          {t('map.loadKey')}
        </li>
      </ul>
    </div>
  );
}
