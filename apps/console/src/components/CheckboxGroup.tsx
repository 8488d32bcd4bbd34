import { useI18n } from '../i18n/i18n';
import { enumLabel } from '../i18n/enum-labels';

/** A set of enum values as checkboxes, labelled in the current language. */
export function CheckboxGroup<T extends string>({
  legend,
  options,
  value,
  onChange,
  name,
}: {
  legend: string;
  options: readonly T[];
  value: T[];
  onChange: (next: T[]) => void;
  name: string;
}) {
  const { locale } = useI18n();
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option}>
          <input
            type="checkbox"
            name={name}
            value={option}
            checked={value.includes(option)}
            onChange={(e) => onChange(e.target.checked ? [...value, option] : value.filter((v) => v !== option))}
          />
          {enumLabel(locale, option)}
        </label>
      ))}
    </fieldset>
  );
}
