/**
 * THE contract between the renderer and the console service. Every transport carries exactly this.
 * Add a method here and the typed client, the handler map and the validation follow.
 */
import { defineContract } from '../rpc/define';
import { actionEvents, actionMethods } from './actions';
import { auditMethods } from './audit';
import { importMethods } from './imports';
import { appMethods } from './app';
import { kpiMethods } from './kpi';
import { mapEvents, mapMethods } from './map';
import { meetingEvents, meetingMethods } from './meetings';
import { linkEvents, linkMethods } from './live-links';
import { reportEvents, reportMethods } from './reports';
import { supervisionEvents, supervisionMethods } from './supervision';
import { routingEvents, routingMethods } from './routing';
import { settingsEvents, settingsMethods } from './settings';
import { warningEvents, warningMethods } from './warnings';
import { syncEvents, syncMethods } from './sync';
import { ticketEvents, ticketMethods } from './tickets';

export const liandongContract = defineContract({
  methods: { ...appMethods, ...ticketMethods, ...syncMethods, ...actionMethods, ...kpiMethods, ...mapMethods, ...settingsMethods, ...warningMethods, ...meetingMethods, ...linkMethods, ...routingMethods, ...auditMethods, ...importMethods, ...reportMethods, ...supervisionMethods },
  events: { ...ticketEvents, ...syncEvents, ...actionEvents, ...mapEvents, ...settingsEvents, ...warningEvents, ...meetingEvents, ...linkEvents, ...routingEvents, ...reportEvents, ...supervisionEvents },
});
export type LiandongContract = typeof liandongContract;

export * from './actions';
export * from './audit';
export * from './imports';
export * from './app';
export * from './kpi';
export * from './map';
export * from './meetings';
export * from './live-links';
export * from './reports';
export * from './supervision';
export * from './routing';
export * from './settings';
export * from './warnings';
export * from './sync';
export * from './tickets';
