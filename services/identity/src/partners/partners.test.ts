import type { Partner } from '@zefy/contracts';
import { ManualClock } from '@zefy/platform';
import { given } from '@zefy/platform/testing';
import { describe, expect, it } from 'vitest';
import { changedFields, toWireEvent } from './partners.events.ts';
import { loginRefusal, type PartnerEvent, partnerDecider } from './partners.ts';

const now = new Date('2026-03-01T10:00:00Z');
const later = new Date('2026-03-02T10:00:00Z');
const admin = { actor: { kind: 'admin' as const, id: 'admin-1' }, now: later };
const hub = '01950000-0000-7000-8000-00000000000a';
const skill = '01950000-0000-7000-8000-00000000000b';
const profile = {
  name: '  Ravi   Kumar ',
  phone: '+919876543210',
  photoUrl: null,
  skills: [skill, skill],
  hubId: hub,
};
const register = { type: 'RegisterPartner' as const, id: 'p1', profile };

const ravi: Partner = {
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
};
const registered: PartnerEvent = { type: 'PartnerRegistered', partner: ravi };
const approved: PartnerEvent = { type: 'PartnerApproved', at: later.toISOString() };
const suspended: PartnerEvent = {
  type: 'PartnerSuspended',
  reason: 'No-show twice',
  at: later.toISOString(),
};

describe('partner lifecycle', () => {
  it('registers a pending partner with a tidy name and unique skills', () => {
    const state = given(partnerDecider)
      .when(register, { ...admin, now })
      .thenEmits(registered);
    expect(state).toEqual(ravi);
  });

  it('registering again with the same id decides nothing (idempotent seed)', () => {
    given(partnerDecider, registered).when(register, admin).thenEmits();
  });

  it('approves a pending partner, then suspends with a reason, then approves again', () => {
    const afterApproval = given(partnerDecider, registered)
      .when({ type: 'ApprovePartner' }, admin)
      .thenEmits(approved);
    expect(afterApproval).toMatchObject({
      status: 'approved',
      statusReason: null,
      updatedAt: later.toISOString(),
    });
    const afterSuspension = given(partnerDecider, registered, approved)
      .when({ type: 'SuspendPartner', reason: ' No-show twice ' }, admin)
      .thenEmits(suspended);
    expect(afterSuspension).toMatchObject({ status: 'suspended', statusReason: 'No-show twice' });
    const approvedAgain = given(partnerDecider, registered, approved, suspended)
      .when({ type: 'ApprovePartner' }, admin)
      .thenEmits(approved);
    expect(approvedAgain).toMatchObject({ status: 'approved', statusReason: null });
  });

  it('approving an approved partner or repeating a suspension decides nothing; a new reason is news', () => {
    given(partnerDecider, registered, approved).when({ type: 'ApprovePartner' }, admin).thenEmits();
    given(partnerDecider, registered, approved, suspended)
      .when({ type: 'SuspendPartner', reason: 'No-show twice' }, admin)
      .thenEmits();
    given(partnerDecider, registered, approved, suspended)
      .when({ type: 'SuspendPartner', reason: 'Fraud' }, admin)
      .thenEmits({ type: 'PartnerSuspended', reason: 'Fraud', at: later.toISOString() });
  });

  it('records only the profile fields that really change', () => {
    const photoChanged: PartnerEvent = {
      type: 'ProfileChanged',
      changes: { photoUrl: 'https://img.example/ravi.jpg' },
      at: later.toISOString(),
    };
    const state = given(partnerDecider, registered)
      .when(
        {
          type: 'EditProfile',
          changes: { name: 'Ravi Kumar', skills: [skill], photoUrl: 'https://img.example/ravi.jpg' },
        },
        admin,
      )
      .thenEmits(photoChanged);
    expect(state?.photoUrl).toBe('https://img.example/ravi.jpg');
    expect(changedFields(photoChanged)).toEqual(['photoUrl']);
  });

  it('refuses commands for a partner that does not exist', () => {
    given(partnerDecider).when({ type: 'ApprovePartner' }, admin).thenRefuses('IDENTITY.PARTNER_NOT_FOUND');
    given(partnerDecider)
      .when({ type: 'EditProfile', changes: { name: 'Ravi' } }, admin)
      .thenRefuses('IDENTITY.PARTNER_NOT_FOUND');
  });
});

describe('partner events on the wire', () => {
  const options = { actor: admin.actor, clock: new ManualClock(later) };

  it('carry the whole partner, and an update the fields it changed', () => {
    const { id, statusReason: _reason, createdAt: _created, updatedAt: _updated, ...shown } = ravi;
    const created = toWireEvent(registered, ravi, options);
    expect(created.type).toBe('identity.partner_created');
    expect(created.data).toEqual({ partnerId: id, ...shown });
    expect(toWireEvent(approved, { ...ravi, status: 'approved' }, options)).toMatchObject({
      type: 'identity.partner_updated',
      data: { partnerId: 'p1', status: 'approved', changed: ['status'] },
    });
    expect(changedFields(registered)).toEqual(['name', 'phone', 'photoUrl', 'skills', 'hubId', 'status']);
  });
});

describe('loginRefusal', () => {
  it('lets only approved partners in, saying why the others may not', () => {
    expect(loginRefusal(ravi)).toMatch(/waiting for approval/);
    expect(loginRefusal({ ...ravi, status: 'suspended' })).toMatch(/suspended/);
    expect(loginRefusal({ ...ravi, status: 'approved' })).toBeNull();
    expect(loginRefusal(null)).toMatch(/No partner account/);
  });
});
