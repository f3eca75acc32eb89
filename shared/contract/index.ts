/**
 * THE contract between the renderer and the console service. Every transport carries exactly this.
 * Add a method here and the typed client, the handler map and the validation follow.
 */
import { defineContract } from '../rpc/define';
import { actionEvents, actionMethods } from './actions';
import { appMethods } from './app';
import { syncEvents, syncMethods } from './sync';
import { ticketEvents, ticketMethods } from './tickets';

export const liandongContract = defineContract({
  methods: { ...appMethods, ...ticketMethods, ...syncMethods, ...actionMethods },
  events: { ...ticketEvents, ...syncEvents, ...actionEvents },
});
export type LiandongContract = typeof liandongContract;

export * from './actions';
export * from './app';
export * from './sync';
export * from './tickets';
