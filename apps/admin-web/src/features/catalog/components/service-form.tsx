import type { CatalogCategory, CatalogService, NewCatalogService } from '@zefy/contracts';
import { paiseToRupeesInput, parseRupees, priceBreakdown } from '@zefy/rules';
import { type ApiError, Button, Card, ErrorBanner, formatPaise, toApiError } from '@zefy/web-kit';
import { type FormEvent, useState } from 'react';
import { createService, updateService } from '../api/save-service.ts';

export interface ServiceFormProps {
  service: CatalogService | undefined;
  categories: readonly CatalogCategory[];
  onSaved: (service: CatalogService) => void;
  onCancel: () => void;
}

const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text) : undefined);

/** Create or edit a service; the price preview is the shared rule the server applies. */
export function ServiceForm({ service, categories, onSaved, onCancel }: ServiceFormProps) {
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
    isActive: service?.isActive ?? true,
  });
  const [error, setError] = useState<ApiError>();
  const [isSaving, setSaving] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const set = (name: keyof typeof fields) => (event: { target: { value: string } }) =>
    setFields((current) => ({ ...current, [name]: event.target.value }));

  const taxBasisPoints = /^\d+(\.\d{1,2})?$/.test(fields.taxPercent.trim())
    ? Math.round(Number(fields.taxPercent) * 100)
    : undefined;
  const terms = {
    basePricePaise: parseRupees(fields.basePrice),
    includedMinutes: whole(fields.includedMinutes),
    graceMinutes: whole(fields.graceMinutes),
    blockMinutes: whole(fields.blockMinutes),
    blockPricePaise: parseRupees(fields.blockPrice),
    taxRateBasisPoints: taxBasisPoints,
  };
  const isComplete = Object.values(terms).every((value) => value !== undefined);
  let preview: string;
  try {
    const price = isComplete
      ? priceBreakdown({
          basePricePaise: terms.basePricePaise!,
          includedMinutes: terms.includedMinutes!,
          graceMinutes: terms.graceMinutes!,
          extraBlockMinutes: terms.blockMinutes!,
          extraBlockPricePaise: terms.blockPricePaise!,
          taxRateBasisPoints: terms.taxRateBasisPoints!,
        })
      : undefined;
    preview = price
      ? `Customer pays ${formatPaise(price.totalPaise)} (${formatPaise(price.basePaise)} + ${formatPaise(price.taxPaise)} tax), then ${formatPaise(terms.blockPricePaise!)} + tax per started ${terms.blockMinutes} min after ${terms.includedMinutes} + ${terms.graceMinutes} min`
      : 'Prices in rupees (e.g. 599.00), minutes as whole numbers';
  } catch (caught) {
    preview = (caught as Error).message;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    // the server checks every term again and answers with a problem per mistake
    const body: NewCatalogService = {
      name: fields.name,
      category: fields.category,
      description: fields.description,
      basePricePaise: terms.basePricePaise ?? -1,
      includedMinutes: terms.includedMinutes ?? 0,
      extraCharge: {
        graceMinutes: terms.graceMinutes ?? 0,
        blockMinutes: terms.blockMinutes ?? 0,
        blockPricePaise: terms.blockPricePaise ?? -1,
      },
      taxRateBasisPoints: terms.taxRateBasisPoints ?? -1,
      ...(fields.skill.trim() ? { skill: fields.skill.trim() } : {}),
    };
    try {
      const saved = service
        ? await updateService(service.id, { ...body, isActive: fields.isActive })
        : await createService(body, idempotencyKey);
      setIdempotencyKey(crypto.randomUUID());
      onSaved(saved);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  }

  const input = (
    name: keyof typeof fields,
    label: string,
    extra: { inputMode?: 'decimal' | 'numeric' } = {},
  ) => (
    <label className="zf-field">
      {label}
      <input className="zf-input" name={name} value={String(fields[name])} onChange={set(name)} {...extra} />
    </label>
  );

  return (
    <Card title={service ? `Edit ${service.name}` : 'New service'} data-testid="service-form">
      <form className="zf-form" onSubmit={submit}>
        <div className="zf-form__row">
          {input('name', 'Name')}
          <label className="zf-field">
            Category
            <select className="zf-input" name="category" value={fields.category} onChange={set('category')}>
              {categories.map((category) => (
                <option key={category.id} value={category.id}>
                  {category.name}
                </option>
              ))}
            </select>
          </label>
          {input('skill', 'Partner skill (default: category)')}
        </div>
        {input('description', 'Description')}
        <div className="zf-form__row">
          {input('basePrice', 'Base price (₹)', { inputMode: 'decimal' })}
          {input('includedMinutes', 'Included minutes', { inputMode: 'numeric' })}
          {input('taxPercent', 'Tax (%)', { inputMode: 'decimal' })}
        </div>
        <div className="zf-form__row">
          {input('graceMinutes', 'Grace minutes', { inputMode: 'numeric' })}
          {input('blockMinutes', 'Extra block (minutes)', { inputMode: 'numeric' })}
          {input('blockPrice', 'Price per extra block (₹)', { inputMode: 'decimal' })}
        </div>
        {service ? (
          <label className="zf-field">
            <span>
              <input
                type="checkbox"
                checked={fields.isActive}
                onChange={(e) => setFields((current) => ({ ...current, isActive: e.target.checked }))}
              />{' '}
              Active (offered in every active hub)
            </span>
          </label>
        ) : null}
        <p className="zf-muted" data-testid="price-preview">
          {preview}
        </p>
        {error ? <ErrorBanner error={error} /> : null}
        <div className="zf-toolbar">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" disabled={isSaving}>
            {isSaving ? 'Saving…' : service ? 'Save changes' : 'Create service'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
