import type { Partner } from '@zefy/contracts';
import { describe, expect, it } from 'vitest';
import {
  changedFields,
  decide,
  evolve,
  loginRefusal,
  type PartnerCommand,
  type PartnerEvent,
} from './partners.ts';

const now = new Date('2026-03-01T10:00:00Z');
const later = new Date('2026-03-02T10:00:00Z');
const hub = '01950000-0000-7000-8000-00000000000a';
const skill = '01950000-0000-7000-8000-00000000000b';
const profile = {
  name: '  Ravi   Kumar ',
  phone: '+919876543210',
  photoUrl: null,
  skills: [skill, skill],
  hubId: hub,
};

/** Given events, when a command is decided, then these events (and the state they lead to). */
function given(history: PartnerEvent[]) {
  const state = history.reduce<Partner | null>(evolve, null);
  return {
    state,
    when(command: PartnerCommand, at = later) {
      const decision = decide(state, command, at);
      if (!decision.ok) return { decision, state };
      return { decision, state: decision.events.reduce<Partner | null>(evolve, state) };
    },
  };
}

const registered = (): PartnerEvent[] => {
  const decision = decide(null, { type: 'register', id: 'p1', profile }, now);
  if (!decision.ok) throw new Error('register refused');
  return decision.events;
};

describe('partner lifecycle', () => {
  it('registers a pending partner with a tidy name and unique skills', () => {
    const { state } = given([]).when({ type: 'register', id: 'p1', profile }, now);
    expect(state).toEqual({
      id: 'p1',
      name: 'Ravi Kumar',
      phone: '+919876543210',
      photoUrl: null,
      skills: [skill],
      hubId: hub,
      status: 'pending',
      statusReason: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
  });

  it('registering again with the same id decides nothing (idempotent seed)', () => {
    expect(given(registered()).when({ type: 'register', id: 'p1', profile }).decision).toEqual({
      ok: true,
      events: [],
    });
  });

  it('approves a pending partner, then suspends with a reason, then approves again', () => {
    const approved = given(registered()).when({ type: 'approve' });
    expect(approved.state).toMatchObject({
      status: 'approved',
      statusReason: null,
      updatedAt: later.toISOString(),
    });
    const suspended = given([...registered(), { type: 'approved', at: later.toISOString() }]).when({
      type: 'suspend',
      reason: ' No-show twice ',
    });
    expect(suspended.state).toMatchObject({ status: 'suspended', statusReason: 'No-show twice' });
    const history = [
      ...registered(),
      { type: 'approved', at: later.toISOString() },
      { type: 'suspended', reason: 'No-show twice', at: later.toISOString() },
    ] satisfies PartnerEvent[];
    expect(given(history).when({ type: 'approve' }).state).toMatchObject({
      status: 'approved',
      statusReason: null,
    });
  });

  it('approving an approved partner or repeating a suspension decides nothing', () => {
    const approved = [...registered(), { type: 'approved', at: now.toISOString() }] satisfies PartnerEvent[];
    expect(given(approved).when({ type: 'approve' }).decision).toEqual({ ok: true, events: [] });
    const suspended = [
      ...approved,
      { type: 'suspended', reason: 'Fraud', at: now.toISOString() },
    ] satisfies PartnerEvent[];
    expect(given(suspended).when({ type: 'suspend', reason: 'Fraud' }).decision).toEqual({
      ok: true,
      events: [],
    });
  });

  it('records only the profile fields that really change', () => {
    const { decision, state } = given(registered()).when({
      type: 'update',
      changes: { name: 'Ravi Kumar', skills: [skill], photoUrl: 'https://img.example/ravi.jpg' },
    });
    expect(decision).toEqual({
      ok: true,
      events: [
        {
          type: 'profile_changed',
          changes: { photoUrl: 'https://img.example/ravi.jpg' },
          at: later.toISOString(),
        },
      ],
    });
    expect(state?.photoUrl).toBe('https://img.example/ravi.jpg');
    expect(decision.ok && decision.events[0] && changedFields(decision.events[0])).toEqual(['photoUrl']);
  });

  it('refuses commands for a partner that does not exist', () => {
    expect(given([]).when({ type: 'approve' }).decision).toMatchObject({
      ok: false,
      code: 'IDENTITY.PARTNER_NOT_FOUND',
    });
  });
});

describe('loginRefusal', () => {
  it('lets only approved partners in, saying why the others may not', () => {
    const state = given(registered()).state as Partner;
    expect(loginRefusal(state)).toMatch(/waiting for approval/);
    expect(loginRefusal({ ...state, status: 'suspended' })).toMatch(/suspended/);
    expect(loginRefusal({ ...state, status: 'approved' })).toBeNull();
    expect(loginRefusal(null)).toMatch(/No partner account/);
  });
});
