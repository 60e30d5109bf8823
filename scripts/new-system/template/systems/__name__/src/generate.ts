import type { SystemGenerator } from '../../generate/plugins.ts';

const COUNTRY = { TH: { country: 'TH', callingCode: '66' }, VN: { country: 'VN', callingCode: '84' }, PL: { country: 'PL', callingCode: '48' } } as const;
const ACTIVITIES = [
  ['signed_up', 'Joined __name__'],
  ['points_earned', 'Earned points'],
  ['reward_redeemed', 'Redeemed a reward'],
] as const;

/**
 * The generated data set's __name__ files (`npm run data:generate`, `ensureDataset`), found
 * through the registry (systems/generate/plugins.ts). About a third of the people are
 * members, with the email and phone the other systems know them by, so the identity hub
 * links them; each has a few activities for the journey. Edit freely to match the system.
 */
export const generator: SystemGenerator = {
  resources: ['members', 'activities'],
  person(rng, person, emit) {
    if (!rng.chance(0.35)) return [];
    const id = `m_${String(person.index + 1).padStart(8, '0')}`;
    const { country, callingCode } = COUNTRY[person.market];
    const createdMs = person.sinceMs + rng.int(0, 30) * 86_400_000;
    const activities = rng.int(1, 4);
    let at = createdMs;
    for (let n = 0; n < activities; n++) {
      at += rng.int(1, 60) * 86_400_000;
      const [type, summary] = ACTIVITIES[Math.min(n, ACTIVITIES.length - 1)] ?? ACTIVITIES[0];
      emit('activities', { id: `${id}_a${n + 1}`, member_id: id, type, summary, occurred_at: new Date(at).toISOString() });
    }
    emit('members', {
      id,
      first_name: person.given,
      last_name: person.family,
      email: rng.chance(0.8) ? person.email : null,
      phone: `+${callingCode}${person.phone}`,
      country,
      created_at: new Date(createdMs).toISOString(),
      updated_at: new Date(at).toISOString(),
    });
    return [id];
  },
};
