import type { JobExtra } from '@zefy/contracts';
import { formatRupees, parseRupees } from '@zefy/rules';
import { Badge, Button, Card, ChipGroup, FormMessage, TextField, useApiForm } from '@zefy/web-kit';
import { useState } from 'react';
import { proposeExtra } from '../api/job.ts';

const kindOptions = [
  { value: 'addon', label: 'Add-on work' },
  { value: 'material', label: 'Material' },
];

const statusWords: Record<JobExtra['status'], { label: string; tone: 'info' | 'success' | 'danger' }> = {
  proposed: { label: 'Waiting for the customer', tone: 'info' },
  approved: { label: 'Approved', tone: 'success' },
  declined: { label: 'Declined', tone: 'danger' },
};

/** Each extra of the job with the customer's decision. */
export function ExtrasList({ extras }: { extras: readonly JobExtra[] }) {
  if (extras.length === 0) return null;
  return (
    <ul className="zf-stack" data-testid="job-extras">
      {extras.map((extra) => (
        <li key={extra.extraId} data-testid="job-extra">
          {extra.description} · {formatRupees(extra.amountPaise)} + GST{' '}
          <Badge tone={statusWords[extra.status].tone}>{statusWords[extra.status].label}</Badge>
        </li>
      ))}
    </ul>
  );
}

/**
 * "Add extra" while the job runs: the customer approves or declines it in their app. Only approved extras
 * are charged; one still waiting when the end code is entered is not.
 */
export function AddExtra({
  bookingId,
  extras,
  onAdded,
}: {
  bookingId: string;
  extras: readonly JobExtra[];
  onAdded: () => void;
}) {
  const form = useApiForm({ fields: ['kind', 'description', 'amountPaise'] });
  const [kind, setKind] = useState<string | null>('addon');
  const [description, setDescription] = useState('');
  const [rupees, setRupees] = useState('');
  const submit = form.onSubmit(async (idempotencyKey) => {
    const amountPaise = parseRupees(rupees);
    if (amountPaise === undefined) return form.fail({ amountPaise: 'Enter an amount like 250 or 99.50' });
    await proposeExtra(
      bookingId,
      { kind: kind === 'material' ? 'material' : 'addon', description: description.trim(), amountPaise },
      idempotencyKey,
    );
    setDescription('');
    setRupees('');
    onAdded();
  });
  return (
    <Card title="Extras" data-testid="extras">
      <div className="zf-card__body zf-stack">
        <p className="zf-muted">
          The customer approves each extra in their app. Only approved extras are charged (plus GST) when the
          job ends; one still waiting then is not.
        </p>
        <ExtrasList extras={extras} />
        <form className="zf-stack" onSubmit={submit} data-testid="add-extra-form">
          <ChipGroup
            {...form.field('kind')}
            label="What is it?"
            options={kindOptions}
            value={kind}
            onChange={setKind}
          />
          <TextField
            {...form.field('description')}
            label="Description"
            maxLength={120}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            data-testid="extra-description"
            required
          />
          <TextField
            {...form.field('amountPaise')}
            label="Amount before GST (₹)"
            inputMode="decimal"
            value={rupees}
            onChange={(event) => setRupees(event.target.value)}
            data-testid="extra-amount"
            required
          />
          <FormMessage message={form.errors.form} />
          <Button type="submit" disabled={form.isBusy} data-testid="add-extra">
            {form.isBusy ? 'Sending…' : 'Add extra'}
          </Button>
        </form>
      </div>
    </Card>
  );
}
