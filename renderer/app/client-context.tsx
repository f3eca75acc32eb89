/** The contract's client, provided to every feature. Features call methods and hear events; that is all. */
import { createContext, useContext } from 'react';
import type { LiandongContract } from '../../shared/contract';
import type { Client } from '../../shared/rpc/client';

export type LiandongClient = Client<LiandongContract>;
export const ClientContext = createContext<LiandongClient | null>(null);

export function useClient(): LiandongClient {
  const c = useContext(ClientContext);
  if (!c) throw new Error('useClient outside <ClientContext.Provider>');
  return c;
}
