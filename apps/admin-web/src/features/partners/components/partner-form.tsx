import {
  Button,
  ButtonLink,
  Card,
  ChoiceList,
  ErrorBanner,
  FormMessage,
  formatSlug,
  Screen,
  SelectField,
  Spinner,
  TextField,
  useApiForm,
  useToast,
} from '@zefy/web-kit';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useServices } from '../../catalog/api/catalog.ts';
import { useHubs } from '../../hubs/api/hubs.ts';
import { createPartner } from '../api/partners.ts';

const empty = { name: '', phone: '+91 ', photoUrl: '', hubId: '' };

/** `/partners/new`: registers a partner (pending until approved), the services they do and their hub picked by name. */
export function NewPartnerScreen() {
  const services = useServices();
  const hubs = useHubs();
  const navigate = useNavigate();
  const toast = useToast();
  const [fields, setFields] = useState(empty);
  const [skills, setSkills] = useState<string[]>([]);
  const form = useApiForm({ fields: ['name', 'phone', 'photoUrl', 'skills', 'hubId'] });
  const text = (name: keyof typeof empty) => ({
    ...form.field(name),
    value: fields[name],
    onChange: (event: { target: { value: string } }) => setFields({ ...fields, [name]: event.target.value }),
  });

  const back = (
    <Link className="zf-back" to="/partners">
      ← Partners
    </Link>
  );
  for (const query of [services, hubs])
    if (query.status === 'error')
      return (
        <Screen title="New partner" back={back}>
          <ErrorBanner error={query.error} onRetry={query.reload} />
        </Screen>
      );
  if (services.status !== 'success' || hubs.status !== 'success')
    return (
      <Screen title="New partner" back={back}>
        <Spinner label="Loading services and hubs" />
      </Screen>
    );

  const offered = [...services.data.items]
    .filter((service) => service.isActive)
    .sort((a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name));

  async function submit(idempotencyKey: string) {
    if (!fields.hubId || skills.length === 0) {
      form.fail({
        ...(fields.hubId ? {} : { hubId: 'Choose the hub they work from' }),
        ...(skills.length > 0 ? {} : { skills: 'Choose at least one service they do' }),
      });
      return;
    }
    const partner = await createPartner(
      {
        name: fields.name.trim(),
        phone: fields.phone,
        photoUrl: fields.photoUrl.trim() || null,
        skills,
        hubId: fields.hubId,
      },
      idempotencyKey,
    );
    toast.show(`${partner.name} is registered, pending approval`);
    navigate('/partners?status=pending');
  }

  return (
    <Screen title="New partner" back={back}>
      <Card>
        <form className="zf-form" onSubmit={form.onSubmit(submit)} data-testid="partner-form" noValidate>
          <div className="zf-form__row">
            <TextField label="Name" autoComplete="off" {...text('name')} />
            <TextField
              label="Mobile number"
              type="tel"
              hint="10 digits, or +91 and 10 digits"
              {...text('phone')}
            />
          </div>
          <div className="zf-form__row">
            <SelectField
              label="Home hub"
              placeholder="Choose a hub"
              options={hubs.data.items.map((hub) => ({ value: hub.id, label: `${hub.name}, ${hub.city}` }))}
              {...text('hubId')}
            />
            <TextField label="Photo URL (optional)" type="url" placeholder="https://" {...text('photoUrl')} />
          </div>
          <ChoiceList
            label="Services they do"
            hint="They are offered jobs for these services only"
            choices={offered.map((service) => ({
              value: service.id,
              label: service.name,
              group: formatSlug(service.category),
            }))}
            value={skills}
            onChange={setSkills}
            {...form.field('skills')}
          />
          <FormMessage message={form.errors.form} />
          <div className="zf-toolbar zf-toolbar--start">
            <Button type="submit" disabled={form.isBusy}>
              {form.isBusy ? 'Creating…' : 'Create partner'}
            </Button>
            <ButtonLink variant="secondary" to="/partners">
              Cancel
            </ButtonLink>
          </div>
        </form>
      </Card>
    </Screen>
  );
}
