import {
  AgencyBrief, CatalogueServiceDetail, Dossier, DossierDetail, ErrorBody, InformationSystemDetail, Order, OrderDetail, Payment, UserBrief,
} from '@nghiemthu/shared';
import { z } from 'zod';

/**
 * Schemas named once in the OpenAPI document's components and referenced by
 * $ref from every route that returns them. Without this, a dossier's detail
 * is written out in full under each of its ~20 routes (3 MB of openapi.json).
 */
const COMPONENTS = {
  ErrorBody, AgencyBrief, UserBrief, Payment, OrderSummary: Order, OrderDetail, Dossier, DossierDetail, CatalogueServiceDetail, InformationSystemDetail,
} as const;

export function registerOpenApiComponents() {
  for (const [id, schema] of Object.entries(COMPONENTS)) {
    if (!z.globalRegistry.has(schema)) z.globalRegistry.add(schema, { id });
  }
}
