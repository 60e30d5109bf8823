/**
 * GraphQL types backed by the flows database rows (`XModel` maps type `X`, see codegen.ts).
 */
import type { FlowRecord, Notification, StepRecord } from './store.ts';

export type FlowModel = FlowRecord;
export type FlowStepModel = StepRecord;
export type FlowNotificationModel = Notification;
