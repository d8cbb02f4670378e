import { type ApiError, Button, Card, ErrorBanner, TextField, toApiError } from '@zefy/web-kit';
import { type FormEvent, useState } from 'react';
import { createPartner } from '../api/partners.ts';

const empty = { name: '', phone: '+91 ', photoUrl: '', skills: '', hubId: '' };

/** Registers a partner (pending until approved); skills are catalog service ids, one per line or comma. */
export function PartnerForm({ onCreated }: { onCreated: () => void }) {
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<ApiError | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const field = (name: keyof typeof empty) => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value }),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setIsBusy(true);
    setError(null);
    try {
      await createPartner({
        name: form.name,
        phone: form.phone,
        photoUrl: form.photoUrl.trim() || null,
        skills: form.skills.split(/[\s,]+/).filter(Boolean),
        hubId: form.hubId.trim(),
      });
      setForm(empty);
      onCreated();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <Card title="New partner">
      <form className="zf-form" onSubmit={submit} data-testid="partner-form">
        <TextField label="Name" required {...field('name')} />
        <TextField label="Mobile number" type="tel" required {...field('phone')} />
        <TextField label="Photo URL" type="url" placeholder="https://" {...field('photoUrl')} />
        <TextField label="Skills (catalog service ids)" {...field('skills')} />
        <TextField label="Home hub id" required {...field('hubId')} />
        {error ? <ErrorBanner error={error} /> : null}
        <Button type="submit" disabled={isBusy}>
          Create partner
        </Button>
      </form>
    </Card>
  );
}
