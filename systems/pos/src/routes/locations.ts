import type { FastifyInstance } from 'fastify';
import type { PosStore } from '../store.ts';
import { notFound, sendErrors } from '../square.ts';

export function locationRoutes(app: FastifyInstance, store: PosStore): void {
  // Square does not page locations.
  app.get('/v2/locations', async () => ({ locations: store.locations }));

  app.get<{ Params: { location_id: string } }>('/v2/locations/:location_id', async (req, reply) => {
    const location = store.locationById.get(req.params.location_id);
    if (!location) return sendErrors(reply, 404, notFound(`Location with ID \`${req.params.location_id}\` not found.`, 'location_id'));
    return { location };
  });
}
