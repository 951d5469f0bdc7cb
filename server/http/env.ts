// The Hono environment shared by every route: the caller (if any) and the request id.
import type { Principal } from '../services/access.js';

export type AppEnv = {
  Variables: {
    principal: Principal | null;
    /** The bearer token as sent (for logout); never logged. */
    token: string | null;
    requestId: string;
    /** The caller's address as the guessing limits count it (client-address.ts). */
    client: string;
  };
};
