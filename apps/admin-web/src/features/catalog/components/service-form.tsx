import type { CatalogCategory, CatalogService, NewCatalogService } from '@zefy/contracts';
import { paiseToRupeesInput, parseRupees, priceBreakdown } from '@zefy/rules';
import {
  Button,
  ButtonLink,
  Card,
  CheckboxField,
  ErrorBanner,
  FormMessage,
  formatPaise,
  Screen,
  SelectField,
  Spinner,
  TextField,
  useApiForm,
  useToast,
} from '@zefy/web-kit';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { createService, updateService, useCategories, useServices } from '../api/catalog.ts';

const back = (
  <Link className="zf-back" to="/services">
    ← Services
  </Link>
);

/** `/services/new` and `/services/:serviceId/edit`. */
export function ServiceEditScreen() {
  const { serviceId } = useParams();
  const services = useServices();
  const categories = useCategories();
  const title = serviceId ? 'Edit service' : 'New service';
  for (const query of [services, categories])
    if (query.status === 'error')
      return (
        <Screen title={title} back={back}>
          <ErrorBanner error={query.error} onRetry={query.reload} />
        </Screen>
      );
  if (services.status !== 'success' || categories.status !== 'success')
    return (
      <Screen title={title} back={back}>
        <Spinner label="Loading the catalog" />
      </Screen>
    );
  const service = services.data.items.find((candidate) => candidate.id === serviceId);
  if (serviceId && !service)
    return (
      <Screen title={title} back={back}>
        <p>There is no such service; it may have been removed.</p>
      </Screen>
    );
  return (
    <Screen title={service ? `Edit ${service.name}` : title} back={back}>
      <ServiceForm service={service} categories={categories.data.items} />
    </Screen>
  );
}

const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text) : undefined);
const percentToBasisPoints = (text: string) =>
  /^\d+(\.\d{1,2})?$/.test(text.trim()) ? Math.round(Number(text) * 100) : undefined;

const rupees = 'Enter an amount in rupees, like 599 or 599.50';
const minutes = 'Enter whole minutes, like 30';

/** The form's fields, and the request paths the catalog names them by. */
const formFields = {
  fields: [
    'name',
    'category',
    'description',
    'skill',
    'basePrice',
    'includedMinutes',
    'taxPercent',
    'graceMinutes',
    'blockMinutes',
    'blockPrice',
  ],
  paths: {
    basePricePaise: 'basePrice',
    taxRateBasisPoints: 'taxPercent',
    'extraCharge.graceMinutes': 'graceMinutes',
    'extraCharge.blockMinutes': 'blockMinutes',
    'extraCharge.blockPricePaise': 'blockPrice',
  },
  messages: {
    basePrice: 'Enter a price from ₹0 to ₹10 crore',
    blockPrice: 'Enter a price from ₹0 to ₹10 crore',
    taxPercent: 'Enter a rate from 0 to 100%',
  },
};

/** Create or edit a service; the price preview is the shared rule the server applies. */
function ServiceForm({
  service,
  categories,
}: {
  service: CatalogService | undefined;
  categories: readonly CatalogCategory[];
}) {
  const navigate = useNavigate();
  const toast = useToast();
  const form = useApiForm(formFields);
  const [fields, setFields] = useState({
    name: service?.name ?? '',
    category: service?.category ?? categories[0]?.id ?? '',
    description: service?.description ?? '',
    skill: service?.skill ?? '',
    includedMinutes: String(service?.includedMinutes ?? 60),
    basePrice: service ? paiseToRupeesInput(service.basePricePaise) : '',
    graceMinutes: String(service?.extraCharge.graceMinutes ?? 10),
    blockMinutes: String(service?.extraCharge.blockMinutes ?? 30),
    blockPrice: service ? paiseToRupeesInput(service.extraCharge.blockPricePaise) : '0.00',
    taxPercent: String((service?.taxRateBasisPoints ?? 1800) / 100),
  });
  const [isActive, setActive] = useState(service?.isActive ?? true);
  const field = (name: keyof typeof fields, extra: { inputMode?: 'decimal' | 'numeric' } = {}) => ({
    ...form.field(name),
    ...extra,
    value: fields[name],
    onChange: (event: { target: { value: string } }) =>
      setFields((current) => ({ ...current, [name]: event.target.value })),
  });

  const terms = {
    basePricePaise: parseRupees(fields.basePrice),
    includedMinutes: whole(fields.includedMinutes),
    graceMinutes: whole(fields.graceMinutes),
    blockMinutes: whole(fields.blockMinutes),
    blockPricePaise: parseRupees(fields.blockPrice),
    taxRateBasisPoints: percentToBasisPoints(fields.taxPercent),
  };
  const unreadable = Object.fromEntries(
    (
      [
        ['basePrice', terms.basePricePaise, rupees],
        ['blockPrice', terms.blockPricePaise, rupees],
        ['includedMinutes', terms.includedMinutes, minutes],
        ['graceMinutes', terms.graceMinutes, minutes],
        ['blockMinutes', terms.blockMinutes, minutes],
        ['taxPercent', terms.taxRateBasisPoints, 'Enter a percentage, like 18'],
      ] as const
    )
      .filter(([, value]) => value === undefined)
      .map(([name, , message]) => [name, message]),
  );
  let preview = 'Prices in rupees (e.g. 599.00), minutes as whole numbers';
  if (Object.keys(unreadable).length === 0) {
    try {
      const price = priceBreakdown({
        basePricePaise: terms.basePricePaise!,
        includedMinutes: terms.includedMinutes!,
        graceMinutes: terms.graceMinutes!,
        extraBlockMinutes: terms.blockMinutes!,
        extraBlockPricePaise: terms.blockPricePaise!,
        taxRateBasisPoints: terms.taxRateBasisPoints!,
      });
      preview = `Customer pays ${formatPaise(price.totalPaise)} (${formatPaise(price.basePaise)} + ${formatPaise(price.taxPaise)} tax), then ${formatPaise(terms.blockPricePaise!)} + tax per started ${terms.blockMinutes} min after ${terms.includedMinutes} + ${terms.graceMinutes} min`;
    } catch {
      // out of range: the server says which term, on its field, when the form is sent
    }
  }

  async function submit(idempotencyKey: string) {
    if (Object.keys(unreadable).length > 0) {
      form.fail(unreadable);
      return;
    }
    const body: NewCatalogService = {
      name: fields.name,
      category: fields.category,
      description: fields.description,
      basePricePaise: terms.basePricePaise!,
      includedMinutes: terms.includedMinutes!,
      extraCharge: {
        graceMinutes: terms.graceMinutes!,
        blockMinutes: terms.blockMinutes!,
        blockPricePaise: terms.blockPricePaise!,
      },
      taxRateBasisPoints: terms.taxRateBasisPoints!,
      ...(fields.skill.trim() ? { skill: fields.skill.trim() } : {}),
    };
    const saved = service
      ? await updateService(service.id, { ...body, isActive })
      : await createService(body, idempotencyKey);
    toast.show(`Saved ${saved.name}`);
    navigate('/services');
  }

  return (
    <Card data-testid="service-form">
      <form className="zf-form" onSubmit={form.onSubmit(submit)} noValidate>
        <div className="zf-form__row">
          <TextField label="Name" {...field('name')} />
          <SelectField
            label="Category"
            options={categories.map((category) => ({ value: category.id, label: category.name }))}
            {...field('category')}
          />
          <TextField label="Partner skill" hint="Default: the category" {...field('skill')} />
        </div>
        <TextField label="Description" {...field('description')} />
        <div className="zf-form__row">
          <TextField label="Base price (₹)" {...field('basePrice', { inputMode: 'decimal' })} />
          <TextField label="Included minutes" {...field('includedMinutes', { inputMode: 'numeric' })} />
          <TextField label="Tax (%)" {...field('taxPercent', { inputMode: 'decimal' })} />
        </div>
        <div className="zf-form__row">
          <TextField label="Grace minutes" {...field('graceMinutes', { inputMode: 'numeric' })} />
          <TextField label="Extra block (minutes)" {...field('blockMinutes', { inputMode: 'numeric' })} />
          <TextField label="Price per extra block (₹)" {...field('blockPrice', { inputMode: 'decimal' })} />
        </div>
        {service ? (
          <CheckboxField
            label="Active (offered in every active hub)"
            checked={isActive}
            onChange={(event) => setActive(event.target.checked)}
          />
        ) : null}
        <p className="zf-muted" data-testid="price-preview">
          {preview}
        </p>
        <FormMessage message={form.errors.form} />
        <div className="zf-toolbar zf-toolbar--start">
          <Button type="submit" disabled={form.isBusy}>
            {form.isBusy ? 'Saving…' : service ? 'Save changes' : 'Create service'}
          </Button>
          <ButtonLink variant="secondary" to="/services">
            Cancel
          </ButtonLink>
        </div>
      </form>
    </Card>
  );
}
