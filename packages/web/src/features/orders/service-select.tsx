import { Select, Stack, Text, type SelectProps } from '@mantine/core';
import { formatVnd, type CatalogueService, type OrderingMethod } from '@nghiemthu/shared';
import { useTranslation } from 'react-i18next';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'renderOption'> & {
  services: readonly CatalogueService[];
  value: string | null;
  onChange: (serviceId: string | null) => void;
  method: OrderingMethod | null;
  /** Services already on another line: one line per service. */
  takenIds: readonly string[];
};

/** Picks a catalogue service by code or name; each option shows its unit and today's price. */
export function ServiceSelect({ services, value, onChange, method, takenIds, ...props }: Props) {
  const { t } = useTranslation();
  const byId = new Map(services.map((service) => [service.id, service]));
  const data = services.map((service) => ({
    value: service.id,
    label: `${service.code} · ${service.name}`,
    disabled: service.id !== value && (takenIds.includes(service.id) || (method !== null && !service.orderingMethods.includes(method))),
  }));
  return (
    <Select
      {...props}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      nothingFoundMessage={t('orders.form.noService')}
      maxDropdownHeight={320}
      comboboxProps={{ width: 'target', position: 'bottom-start' }}
      renderOption={({ option }) => {
        const service = byId.get(option.value);
        if (!service) return option.label;
        const isOtherMethod = method !== null && !service.orderingMethods.includes(method);
        return (
          <Stack gap={0}>
            <Text size="sm">
              <span className="mono">{service.code}</span> · {service.name}
            </Text>
            <Text size="xs" c="dimmed">
              {t('orders.form.serviceOption', {
                unit: service.unit,
                price: service.currentPrice ? formatVnd(service.currentPrice.unitPrice) : t('orders.form.noPrice'),
              })}
              {isOtherMethod && ` · ${t('orders.form.serviceOtherMethod')}`}
            </Text>
          </Stack>
        );
      }}
    />
  );
}
