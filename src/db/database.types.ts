import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** bigint columns come back from pg as strings; we write numbers and parse on read in repositories. */
type BigIntColumn = ColumnType<string, number | string | bigint, number | string | bigint>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface CountiesTable { id: string; name: string; timezone: string; lon: number; lat: number; created_at: GeneratedTimestamp }
export interface FirmsTable { id: string; name: string }
export interface OperatorsTable { id: string; name: string }
export interface SitesTable {
  id: string; county_id: string; name: string; tier: 'hub' | 'station' | 'village'; lon: number; lat: number;
  parent_id: string | null; opens_at: string; closes_at: string; handling_seconds: number;
  cold_capacity_frozen_grams: BigIntColumn; cold_capacity_chilled_grams: BigIntColumn;
  cold_capacity_cool_grams: BigIntColumn; cold_capacity_ambient_grams: BigIntColumn;
}
export interface RoadNetworksTable {
  id: Generated<string>; county_id: string; content_hash: string; geojson: Json<unknown>; import_report: Json<unknown>;
  is_current: Generated<boolean>; created_at: GeneratedTimestamp;
}
export interface ProductsTable {
  sku: string; name: string; temperature_class: 'frozen' | 'chilled' | 'cool' | 'ambient'; unit_weight_grams: number;
  unit_volume_ml: number; shelf_life_hours: number; min_remaining_hours: number; price_cents: BigIntColumn;
}
export interface CooperativesTable { id: string; county_id: string; name: string; site_id: string; station_id: string; ready_at: string }
export interface FarmersTable { id: string; cooperative_id: string; name: string }
export interface InventoryLotsTable {
  id: string; cooperative_id: string; farmer_id: string; sku: string; grade: number; quantity: number;
  reserved: Generated<number>; packed_at: Timestamp; unit_supply_price_cents: BigIntColumn; updated_at: GeneratedTimestamp;
}
export interface VehicleTypesTable {
  id: string; name: string; profile: string; compartments: Json<unknown>; fixed_cost_cents: BigIntColumn;
  cost_per_km_cents: BigIntColumn; cost_per_hour_cents: BigIntColumn; reefer_cost_per_hour_cents: BigIntColumn;
  co2e_per_km_grams: number; reefer_uplift_share: number;
}
export interface FleetsTable { id: string; site_id: string; vehicle_type_id: string; firm_id: string; count: number }
export interface StreamsTable {
  id: string; operator_id: string; county_id: string; title: string; bound_cooperative_ids: string[] | null; starts_at: Timestamp;
}
export type OrderStatus = 'received' | 'matched' | 'partially_matched' | 'unfilled' | 'planned' | 'picked_up' | 'at_station'
  | 'at_hub' | 'handed_over' | 'cancelled';
export interface OrdersTable {
  id: Generated<string>; operator_id: string; stream_id: string; county_id: string; external_id: string; status: OrderStatus;
  paid_cents: BigIntColumn; ship_by: Timestamp; buyer: Json<unknown>; wave_id: string | null; plan_id: string | null;
  received_at: GeneratedTimestamp; status_changed_at: GeneratedTimestamp;
}
export interface OrderLinesTable {
  order_id: string; line_no: number; sku: string; quantity: number; min_grade: number;
  filled_quantity: Generated<number>; unfilled_reason: string | null;
}
export interface AllocationsTable {
  id: Generated<string>; order_id: string; line_no: number; lot_id: string; quantity: number;
  status: Generated<'reserved' | 'released'>; matcher: string; created_at: GeneratedTimestamp;
}
export type WaveStatus = 'queued' | 'planned' | 'split' | 'failed';
export type WaveDirection = 'upstream' | 'downstream';
export interface DispatchWavesTable {
  id: Generated<string>; county_id: string; cutoff_at: Timestamp; direction: WaveDirection; status: WaveStatus;
  error: string | null; created_at: GeneratedTimestamp; status_changed_at: GeneratedTimestamp;
  started_by: ColumnType<'api' | 'schedule', 'api' | 'schedule' | undefined, 'api' | 'schedule'>; release_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
export interface WaveDeliveriesTable {
  id: Generated<string>; wave_id: string; line_no: number; reference: string | null; cooperative_id: string; sku: string | null;
  description: string | null; units: number; grams: BigIntColumn; volume_ml: BigIntColumn; temperature_class: 'frozen' | 'chilled' | 'cool' | 'ambient';
  max_transit_hours: number | null; created_at: GeneratedTimestamp;
}
export interface WaveSchedulesTable { county_id: string; timezone: string; updated_at: GeneratedTimestamp }
export interface WaveScheduleCutoffsTable { county_id: string; at: string; direction: WaveDirection; lead_minutes: number }
export interface PlansTable {
  id: Generated<string>; wave_id: string; county_id: string; planner: string; distance_source: string;
  total_cost_cents: BigIntColumn; distance_m: BigIntColumn; duration_s: BigIntColumn; co2e_grams: BigIntColumn;
  document: Json<unknown>; created_at: GeneratedTimestamp;
}
export interface RoutesTable {
  id: Generated<string>; plan_id: string; route_no: number; tier: 'village' | 'township'; vehicle_type_id: string; firm_id: string;
  base_site_id: string; distance_m: BigIntColumn; duration_s: BigIntColumn; cost_cents: BigIntColumn; co2e_grams: BigIntColumn;
  geometry: Json<unknown>;
}
export interface StopsTable {
  id: Generated<string>; route_id: string; seq: number; site_id: string; kind: 'start' | 'pickup' | 'delivery' | 'end';
  arrival_at: Timestamp; departure_at: Timestamp; load_grams_after: BigIntColumn; allocation_ids: Json<string[]>;
}
export interface CostSplitsTable {
  id: Generated<string>; plan_id: string; policy_version: string; method: string; total_cents: BigIntColumn;
  document: Json<unknown>; created_at: GeneratedTimestamp;
}
export interface OutboxTable {
  id: Generated<string>; queue: string; job_id: string; payload: Json<unknown>; created_at: GeneratedTimestamp;
  relayed_at: Timestamp | null;
}

export type Role = 'operator' | 'logistics' | 'platform';
export interface ApiKeysTable {
  id: Generated<string>; key_hash: string; key_prefix: string; role: Role; scope_id: string; label: string;
  created_at: GeneratedTimestamp; revoked_at: Timestamp | null;
}
export interface IdempotencyKeysTable {
  api_key_id: string; idempotency_key: string; request_hash: string; state: 'in_flight' | 'done'; response_status: number | null;
  response_headers: Json<Record<string, string>> | null; response_body: string | null; created_at: GeneratedTimestamp; expires_at: Timestamp;
}
export interface WebhookSubscriptionsTable {
  id: Generated<string>; role: Role; scope_id: string; url: string; secret: string; events: string[]; created_at: GeneratedTimestamp;
  deleted_at: Timestamp | null;
}
export interface WebhookDeliveriesTable {
  id: Generated<string>; subscription_id: string; event_type: string; payload: Json<unknown>; status: Generated<'pending' | 'delivered' | 'failed'>;
  attempts: Generated<number>; last_response_status: number | null; created_at: GeneratedTimestamp; delivered_at: Timestamp | null;
}
export interface RouteEventsTable {
  id: Generated<string>; route_id: string; stop_seq: number; kind: 'arrived' | 'picked_up' | 'departed' | 'delivered'; occurred_at: Timestamp;
  firm_id: string; created_at: GeneratedTimestamp;
}
export interface CostPoliciesTable { county_id: string; version: string; document: Json<unknown>; created_at: GeneratedTimestamp }

export interface TravelMatricesTable {
  cache_key: string; network_hash: string; profile: string; site_ids: Json<string[]>; time_s: Buffer; distance_m: Buffer; created_at: GeneratedTimestamp;
}

export interface Database {
  travel_matrices: TravelMatricesTable;
  api_keys: ApiKeysTable; idempotency_keys: IdempotencyKeysTable; webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable; route_events: RouteEventsTable; cost_policies: CostPoliciesTable;
  counties: CountiesTable; firms: FirmsTable; operators: OperatorsTable; sites: SitesTable; road_networks: RoadNetworksTable;
  products: ProductsTable; cooperatives: CooperativesTable; farmers: FarmersTable; inventory_lots: InventoryLotsTable;
  vehicle_types: VehicleTypesTable; fleets: FleetsTable; streams: StreamsTable; orders: OrdersTable; order_lines: OrderLinesTable;
  allocations: AllocationsTable; dispatch_waves: DispatchWavesTable; plans: PlansTable; routes: RoutesTable; stops: StopsTable;
  cost_splits: CostSplitsTable; outbox: OutboxTable;
  wave_schedules: WaveSchedulesTable; wave_schedule_cutoffs: WaveScheduleCutoffsTable; wave_deliveries: WaveDeliveriesTable;
}

export type OrderRow = Selectable<OrdersTable>;
export type NewOrderRow = Insertable<OrdersTable>;
export type LotRow = Selectable<InventoryLotsTable>;
