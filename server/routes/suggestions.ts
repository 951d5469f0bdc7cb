// The conditions an import suggested, kept with the scheme: read them, or let them go.
import { Hono } from 'hono';
import { idParam, query } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { checks } from '../http/schemas.js';
import type { Services } from '../services/index.js';

export const suggestions = (s: Services) =>
  new Hono<AppEnv>()
    .get('/schemes/:scheme/suggestions', (c) => {
      query(c, checks.emptyQuery);
      const target = s.schemeAccess.readable(c.get('principal'), idParam(c, 'scheme', '方案'));
      return c.json(s.importSuggestions.get(target));
    })
    .delete('/schemes/:scheme/suggestions', (c) => {
      query(c, checks.emptyQuery);
      s.importSuggestions.drop(s.schemeAccess.editable(c.get('principal'), idParam(c, 'scheme', '方案')));
      return c.body(null, 204);
    });
