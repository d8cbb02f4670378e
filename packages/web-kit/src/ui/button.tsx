import type { ButtonHTMLAttributes } from 'react';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'danger';
  size?: 'normal' | 'small';
}

export const buttonClass = (
  variant: ButtonProps['variant'] = 'primary',
  size: ButtonProps['size'] = 'normal',
) =>
  ['zf-button', `zf-button--${variant}`, size === 'small' ? 'zf-button--small' : '']
    .filter(Boolean)
    .join(' ');

export function Button({ variant, size, type = 'button', className, ...rest }: ButtonProps) {
  const classes = [buttonClass(variant, size), className].filter(Boolean).join(' ');
  return <button type={type} className={classes} {...rest} />;
}
