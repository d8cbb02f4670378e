import type { BookingView, RatingInput, RatingView } from '@zefy/contracts';
import { Button, Card, CheckboxField, FormMessage, Spinner, TextAreaField, useApiForm } from '@zefy/web-kit';
import { useState } from 'react';
import { rateJob, useReceipt } from '../api/job.ts';

type Tag = NonNullable<RatingInput['tags']>[number];
const tags: readonly Tag[] = [
  'on_time',
  'professional',
  'friendly',
  'tidy',
  'skilled',
  'late',
  'rude',
  'messy',
  'incomplete',
];
const maxTags = 5;
const tagLabel = (tag: string) => tag.charAt(0).toUpperCase() + tag.slice(1).replaceAll('_', ' ');

/** After the job: the customer rates the professional once, then sees the rating they gave. */
export function RateJob({ booking }: { booking: BookingView }) {
  const receipt = useReceipt(booking.id, booking.updatedAt);
  const [given, setGiven] = useState<RatingView | null>(null);
  if (receipt.status === 'loading') return <Spinner label="Loading your rating" />;
  const rating = given ?? (receipt.status === 'success' ? receipt.data.myRating : null);
  return rating ? <GivenRating rating={rating} /> : <RatingForm bookingId={booking.id} onRated={setGiven} />;
}

function Stars({ count }: { count: number }) {
  return (
    <span className="uw-stars" role="img" aria-label={`${count} out of 5 stars`}>
      {'★'.repeat(count)}
      {'☆'.repeat(5 - count)}
    </span>
  );
}

export function GivenRating({ rating }: { rating: RatingView }) {
  return (
    <Card title="Your rating" data-testid="given-rating">
      <div className="zf-card__body uw-stack">
        <Stars count={rating.stars} />
        {rating.tags.length > 0 ? <p>{rating.tags.map(tagLabel).join(', ')}</p> : null}
        {rating.comment ? <blockquote className="uw-quote">{rating.comment}</blockquote> : null}
      </div>
    </Card>
  );
}

function RatingForm({ bookingId, onRated }: { bookingId: string; onRated: (rating: RatingView) => void }) {
  const form = useApiForm({ fields: ['stars', 'tags', 'comment'] });
  const [stars, setStars] = useState(0);
  const [chosen, setChosen] = useState<Tag[]>([]);
  const [comment, setComment] = useState('');

  const submit = form.onSubmit(async (idempotencyKey) => {
    if (stars === 0) {
      form.fail({ stars: 'Choose from 1 to 5 stars' });
      return;
    }
    const trimmed = comment.trim();
    onRated(
      await rateJob(
        bookingId,
        { stars, ...(chosen.length ? { tags: chosen } : {}), ...(trimmed ? { comment: trimmed } : {}) },
        idempotencyKey,
      ),
    );
  });

  return (
    <Card title="How was it?" data-testid="rate-job">
      <form className="zf-card__body uw-stack" onSubmit={submit} noValidate>
        <fieldset
          className="zf-field"
          aria-describedby={form.errors.fields.stars ? 'stars-error' : undefined}
        >
          <legend className="zf-field__label">Your rating</legend>
          <div className="uw-star-choice">
            {[1, 2, 3, 4, 5].map((value) => (
              <label key={value} className="uw-star-option">
                <input
                  type="radio"
                  name="stars"
                  value={value}
                  checked={stars === value}
                  onChange={() => setStars(value)}
                  onInput={form.field('stars').onInput}
                />
                <span aria-hidden="true">{value <= stars ? '★' : '☆'}</span>
                <span className="zf-visually-hidden">{`${value} star${value === 1 ? '' : 's'}`}</span>
              </label>
            ))}
          </div>
          {form.errors.fields.stars ? (
            <p className="zf-field__error" id="stars-error">
              {form.errors.fields.stars}
            </p>
          ) : null}
        </fieldset>
        <fieldset className="zf-field">
          <legend className="zf-field__label">What stood out (up to {maxTags})</legend>
          <div className="uw-tag-choice">
            {tags.map((tag) => (
              <CheckboxField
                key={tag}
                label={tagLabel(tag)}
                checked={chosen.includes(tag)}
                disabled={!chosen.includes(tag) && chosen.length >= maxTags}
                onChange={(event) =>
                  setChosen((current) =>
                    event.currentTarget.checked
                      ? [...current, tag]
                      : current.filter((other) => other !== tag),
                  )
                }
              />
            ))}
          </div>
        </fieldset>
        <TextAreaField
          label="Comment (optional)"
          maxLength={500}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
          {...form.field('comment')}
        />
        <FormMessage message={form.errors.form} />
        <Button type="submit" disabled={form.isBusy} data-testid="submit-rating">
          {form.isBusy ? 'Sending…' : 'Send rating'}
        </Button>
      </form>
    </Card>
  );
}
