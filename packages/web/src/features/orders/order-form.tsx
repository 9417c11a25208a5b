import { Group, Radio, Stack } from '@mantine/core';
import { PERIOD_KINDS, translate, type OrderDetail, type PeriodKind } from '@nghiemthu/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { currentLanguage } from '../../app/i18n';
import { FormActions } from '../../ui/form-actions';
import { FormProblemAlert } from '../../ui/form-problem';
import { notifySuccess } from '../../ui/notify';
import { SectionCard } from '../../ui/section-card';
import { amendBody, checkOrderValues, orderInput, type OrderFormMode, type OrderFormValues } from './order-form-values';
import { AmendmentBasisSection, OrderGeneralSection } from './order-general-section';
import { OrderLinesField } from './order-lines-field';
import { periodLines, priceLines } from './order-pricing';
import { OrderTermsSection } from './order-terms-section';
import { useActiveServices, useAmendOrder, useCreateOrder, usePricesOn, useUpdateOrder } from './orders.api';
import { PeriodsField } from './periods-field';
import { useOrderFormErrors } from './use-order-form-errors';

type Props = {
  mode: OrderFormMode;
  initial: OrderFormValues;
  /** The order being edited or amended. */
  order?: OrderDetail;
};

/** A new order, a draft being edited, or an amendment of a signed one: one form, three submits. */
export function OrderForm({ mode, initial, order }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errors = useOrderFormErrors();
  const [values, setValues] = useState(initial);
  const create = useCreateOrder();
  const update = useUpdateOrder(order?.id ?? '');
  const amend = useAmendOrder(order?.id ?? '');
  const services = useActiveServices();
  const serviceIds = [...new Set(values.lines.flatMap((line) => (line.serviceId ? [line.serviceId] : [])))];
  const prices = usePricesOn(serviceIds, values.startDate);
  const priced = priceLines(values, services.data?.items ?? [], prices);
  const linesForPeriods = periodLines(values, priced.lines);
  const isPending = create.isPending || update.isPending || amend.isPending;
  const problemRef = useRef<HTMLDivElement>(null);

  // The form is long: a refusal no field can show is brought into view from the submit button.
  useEffect(() => {
    if (errors.problem) problemRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [errors.problem]);

  function set<K extends keyof OrderFormValues>(name: K, value: OrderFormValues[K]) {
    setValues((current) => ({ ...current, [name]: value }));
    errors.clear(name);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems = checkOrderValues(values, mode, {
      required: t('common.required'),
      quantity: translate(currentLanguage(), 'quantityPositive'),
      amount: t('catalogue.amountForm'),
      percent: t('orders.form.percentForm'),
      endBeforeStart: translate(currentLanguage(), 'orderPeriodInvalid'),
      budgetYear: t('orders.form.budgetYearForm'),
    });
    if (errors.showProblems(problems)) return;
    const done = (saved: OrderDetail) => {
      notifySuccess(t(`orders.form.done.${mode}`, { code: saved.code }));
      void navigate(`/orders/${saved.id}`);
    };
    if (mode === 'create') create.mutate(orderInput(values), { onSuccess: done, onError: errors.showApiError });
    else if (mode === 'edit') update.mutate(orderInput(values), { onSuccess: done, onError: errors.showApiError });
    else amend.mutate(amendBody(values), { onSuccess: done, onError: errors.showApiError });
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate>
      <Stack>
        <div ref={problemRef}>
          <FormProblemAlert problem={errors.problem} />
        </div>
        {mode === 'amend' && <AmendmentBasisSection values={values} set={set} errors={errors} nextVersion={(order?.version ?? 0) + 1} />}
        <OrderGeneralSection values={values} set={set} errors={errors} mode={mode} order={order} />
        <SectionCard title={t('orders.sections.lines')}>
          <OrderLinesField
            rows={values.lines}
            onChange={(rows) => set('lines', rows)}
            method={mode === 'amend' ? (order?.method ?? null) : values.method}
            startDate={values.startDate}
            services={services.data?.items ?? []}
            priced={priced.lines}
            total={priced.total}
            errors={errors}
          />
        </SectionCard>
        <SectionCard title={t('orders.sections.periods')}>
          <Stack gap="sm">
            <Radio.Group
              label={t('orders.periodKind')}
              required
              value={values.periodKind}
              onChange={(value) => set('periodKind', value as PeriodKind)}
              error={errors.at('periodKind')}
            >
              <Group gap="lg" mt={6}>
                {PERIOD_KINDS.map((kind) => <Radio key={kind} value={kind} label={t(`orders.periodKinds.${kind}`)} />)}
              </Group>
            </Radio.Group>
            <PeriodsField
              periodKind={values.periodKind}
              startDate={values.startDate}
              endDate={values.endDate}
              lines={values.lines}
              priced={priced.lines}
              periodLines={linesForPeriods}
              milestones={values.milestones}
              onMilestonesChange={(rows) => set('milestones', rows)}
              errors={errors}
            />
          </Stack>
        </SectionCard>
        <OrderTermsSection values={values} set={set} errors={errors} total={priced.total} />
        <FormActions
          onCancel={() => void navigate(order ? `/orders/${order.id}` : '/orders')}
          submitLabel={t(`orders.form.submit.${mode}`)}
          isPending={isPending}
        />
      </Stack>
    </form>
  );
}
