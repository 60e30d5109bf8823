/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  | T
  | {
      [P in keyof T]?: P extends " $fragmentName" | "__typename" ? T[P] : never;
    };
import type { TypedDocumentNode as DocumentNode } from "@graphql-typed-document-node/core";
/** The channel a customer touchpoint happened on (shared by every subgraph contributing to `Customer.journey`). */
export type Channel =
  /** An ad or a tracked link. */
  | "AD"
  /** Email. */
  | "EMAIL"
  /** Instagram Direct. */
  | "INSTAGRAM"
  /** LINE Official Account. */
  | "LINE"
  /** Facebook Messenger. */
  | "MESSENGER"
  /** A phone call. */
  | "PHONE"
  /** A physical store (POS). */
  | "STORE"
  /** The support desk (CRM notes and tickets). */
  | "SUPPORT"
  /** The web shop. */
  | "WEB"
  /** Zalo Official Account. */
  | "ZALO";

/** A contact channel consent can be given for. */
export type ConsentChannel =
  /** Email marketing. */
  | "EMAIL"
  /** SMS and phone messages. */
  | "SMS"
  /** Social messaging (Messenger, Instagram, LINE, Zalo). */
  | "SOCIAL";

/** Whether the person agreed to be contacted on a channel. */
export type ConsentState =
  /** Refused or opted out. */
  | "DENIED"
  /** Agreed. */
  | "GRANTED"
  /** No system knows. */
  | "UNKNOWN";

/** Where a contact is in the sales funnel (HubSpot `lifecyclestage`). */
export type CrmLifecycleStage =
  | "CUSTOMER"
  | "EVANGELIST"
  | "LEAD"
  | "MARKETING_QUALIFIED_LEAD"
  | "OPPORTUNITY"
  /** A portal-specific custom stage or HubSpot's own "other". */
  | "OTHER"
  | "SALES_QUALIFIED_LEAD"
  | "SUBSCRIBER";

/** How urgent a ticket is. */
export type CrmTicketPriority = "HIGH" | "LOW" | "MEDIUM" | "URGENT";

/** Whether a ticket still needs work. */
export type CrmTicketStatus = "CLOSED" | "OPEN";

/** What a flow does. */
export type FlowKind =
  /** A web cart handed to a store associate (C5): the cart becomes a DRAFT order in the store's POS and the web cart is marked HANDED_OFF. */
  | "CART_TO_STORE"
  /** Buy online, pick up in store (C6): a web order with a pickup store goes to the store's POS queue; "ready" notifies the customer; collection fulfils the web order. */
  | "PICKUP_IN_STORE";

/** Where a flow is. */
export type FlowState =
  /** Every step done. */
  | "COMPLETED"
  /** A step failed for good (bad input, or every attempt used); `lastError` says why. */
  | "FAILED"
  /** Created; its first step has not run yet. */
  | "PENDING"
  /** A step is running. */
  | "RUNNING"
  /** Waiting for a system to report something (a webhook), e.g. the store marking the pickup ready. */
  | "WAITING_EVENT"
  /** A step failed and is scheduled to run again (see the step's `lastError` and `nextAttemptAt`). */
  | "WAITING_RETRY";

/** Where one step is. */
export type FlowStepState =
  /** Done. */
  | "DONE"
  /** Failed for good. */
  | "FAILED"
  /** Not reached yet, or due to run. */
  | "PENDING"
  /** Running now. */
  | "RUNNING"
  /** Not needed (e.g. the customer collected before the store marked the pickup ready). */
  | "SKIPPED"
  /** Waiting for a webhook from a system. */
  | "WAITING_EVENT"
  /** Failed; runs again at `nextAttemptAt`. */
  | "WAITING_RETRY";

/** Why a record is linked to its customer. */
export type LinkRule =
  /** Same normalised email. */
  | "EMAIL"
  /** A record's explicit reference to another (a POS reference_id, a Messenger referral ref). */
  | "EXPLICIT_REFERENCE"
  /** The record this customer was created from. */
  | "FIRST_RECORD"
  /** A person linked or split it by hand. */
  | "MANUAL"
  /** Same E.164 phone and compatible names (same given name, one typo allowed). */
  | "PHONE_AND_NAME"
  /** Same E.164 phone, one record without a name, and no other person carrying that phone. */
  | "PHONE_ONLY";

/** Why a channel was or was not allowed to carry a notice. */
export type NotificationBasis =
  /** Consent GRANTED on the channel. */
  | "CONSENT_GRANTED"
  /** SOCIAL consent UNKNOWN, and the person wrote on the profile within the 24-hour messaging window. */
  | "OPEN_CONVERSATION";

/** The channel a customer was notified on. */
export type NotificationChannel =
  /** An email logged on the person's CRM contact. */
  | "EMAIL"
  /** A message on the person's social messaging profile (Messenger, Instagram, LINE, Zalo). */
  | "SOCIAL";

/**
 * The rule that chose a notice's channel, or why no notice went out. A channel is allowed when the
 * person can be reached on it and its consent is GRANTED, or (SOCIAL only, the transactional basis)
 * consent is UNKNOWN and the person wrote to us on that profile in the last 24 hours, so the notice is
 * a reply inside the platform's messaging window. DENIED is never used. EMAIL needs GRANTED. The
 * customer's preferred channel (`Customer.channelInsight.preferredChannel`) is tried first, then
 * EMAIL, then SOCIAL.
 */
export type NotificationRule =
  /** A guest order: no customer record to notify. */
  | "GUEST_ORDER"
  /** No channel allowed: nothing sent (see `options` for each channel's reason). */
  | "NO_CHANNEL_ALLOWED"
  /** The preferred channel was not allowed (or there is none); another channel with consent GRANTED. */
  | "OTHER_CHANNEL_CONSENT_GRANTED"
  /** The preferred channel was not allowed (or there is none); SOCIAL with a reply inside the 24-hour messaging window. */
  | "OTHER_CHANNEL_OPEN_CONVERSATION"
  /** The preferred channel, consent GRANTED. */
  | "PREFERRED_CHANNEL_CONSENT_GRANTED"
  /** The preferred channel (SOCIAL), consent UNKNOWN, a reply inside the 24-hour messaging window. */
  | "PREFERRED_CHANNEL_OPEN_CONVERSATION"
  /** The buyer is not linked to a person in the identity hub. */
  | "UNKNOWN_CUSTOMER"
  /** Decided before rules were recorded (older flows): see `reason`. */
  | "UNRECORDED";

/** Whether the customer was notified. */
export type NotificationState =
  /** Not sent; `rule` and `reason` say why (no channel the customer allows, no known person...). Nothing is ever sent without consent or a transactional basis. */
  | "NOT_NOTIFIED"
  /** Sent on `channel`. */
  | "SENT";

/** Where an order is in its fulfilment, the same words for web orders and store sales. */
export type OrderFulfillmentState =
  /** Cancelled or voided. */
  | "CANCELLED"
  /** Shipped in full, or paid and handed over at the till. */
  | "FULFILLED"
  /** Some items shipped. */
  | "PARTIAL"
  /** Placed or being rung up; nothing handed over or shipped yet. */
  | "PENDING"
  /** Returned to stock. */
  | "RETURNED";

/** Where a pickup is (Square FulfillmentState). */
export type PickupState =
  /** Cancelled. */
  | "CANCELED"
  /** Collected by the customer. */
  | "COMPLETED"
  /** Could not be fulfilled. */
  | "FAILED"
  /** Ready on the pickup shelf; the customer is told. */
  | "PREPARED"
  /** Received from the web shop; not yet accepted by the store. */
  | "PROPOSED"
  /** Accepted; being picked. */
  | "RESERVED";

/** State of a store sale (Square OrderState). */
export type PosOrderState =
  /** Voided. */
  | "CANCELED"
  /** Paid and closed. */
  | "COMPLETED"
  /** Not yet submitted. */
  | "DRAFT"
  /** Being rung up, or parked at the till. */
  | "OPEN";

/** Sales channel a price is asked in. */
export type PriceChannel =
  /** A physical store. */
  | "STORE"
  /** The web shop. */
  | "WEB";

/** An interaction with a person, on any channel, to record in the CRM (the system of record for interactions). */
export type RecordInteractionInput = {
  /** Where the interaction happened. PHONE is logged as a CRM call, every other channel as a note. */
  channel: Channel;
  /** The person's CRM contact, from `customer { crmContacts { id } }`. Omit it only when the person has none: a contact carrying `omnigraph_customer_id` is then found or created, and the next identity backfill links it. */
  crmContactId?: string | number | null | undefined;
  /** The person (identity hub customer id, `cus_...`). */
  customerId: string | number;
  /** A key unique to this interaction: a retry with the same key returns the first result and writes nothing twice. */
  idempotencyKey: string;
  /** When it happened; now when omitted. */
  occurredAt?: string | null | undefined;
  /** What was said or done (1 to 65,536 characters). */
  summary: string;
};

/** A sale rung up at a store's till. */
export type RecordStoreSaleInput = {
  /** A key unique to this sale: a retry with the same key returns the first sale and changes no stock twice. */
  idempotencyKey: string;
  /** What was sold: one line per SKU. */
  lines: Array<StoreSaleLineInput>;
  /** How the customer paid; omitted: cash, the exact total. */
  payment?: StoreSalePaymentInput | null | undefined;
  /** The POS customer who bought; omit for a walk-in sale. */
  posCustomerId?: string | number | null | undefined;
  /** Store (Square location) the sale was made in. */
  storeId: string | number;
};

/** Where a web cart stands (Storefront cart lifecycle, as the shop stand-in records it). */
export type ShopCartStatus =
  /** Closed without an order (for example merged into the customer's cart on sign-in). */
  | "ABANDONED"
  /** Checked out: it became a web order. */
  | "CONVERTED"
  /** Handed to a store associate: it became a POS order draft at that store. */
  | "HANDED_OFF"
  /** Open: lines can be added; it can be merged, resumed on another device, handed to a store or checked out. */
  | "OPEN";

/** Shipping state of a web order (Shopify `fulfillment_status`). */
export type ShopFulfillmentStatus =
  /** Every item shipped. */
  | "FULFILLED"
  /** Some items shipped. */
  | "PARTIAL"
  /** Items were returned to stock. */
  | "RESTOCKED"
  /** Nothing shipped yet (Shopify: null). */
  | "UNFULFILLED";

/** The messaging platform a page, profile or conversation belongs to. */
export type SocialPlatform =
  /** Instagram Direct (Instagram-scoped ids, IGSIDs). */
  | "INSTAGRAM"
  /** LINE Official Account: served by the `line` subgraph now (`Customer.lineUsers`); the social subgraph no longer returns it. */
  | "LINE"
  /** Facebook Messenger (page-scoped ids, PSIDs). */
  | "MESSENGER"
  /** Zalo Official Account: served by the `zalo` subgraph now; the social subgraph no longer returns it. */
  | "ZALO";

/** One line of a store sale to record. */
export type StoreSaleLineInput = {
  /** Whole units sold (at least 1). */
  quantity: number;
  /** Stock keeping unit sold. */
  sku: string | number;
};

/** How a store sale is paid: a Square payment outside Square's card rails, then PayOrder. */
export type StoreSalePaymentInput = {
  /** CASH: the cash handed over, a decimal string in the store's currency (default the exact total); the change is given back. */
  cashTendered?: string | null | undefined;
  /** EXTERNAL: who took the payment, e.g. the card terminal's provider; default "Store card terminal". */
  externalSource?: string | null | undefined;
  /** EXTERNAL: Square `external_details.type` (CARD, BANK_TRANSFER, EMONEY, CHECK, OTHER...); default CARD. */
  externalType?: string | null | undefined;
  /** CASH (Square `source_id: CASH`) or EXTERNAL (Square `source_id: EXTERNAL`). */
  method: StoreSalePaymentMethod;
};

/** How a store sale was paid. */
export type StoreSalePaymentMethod =
  /** Cash at the till. */
  | "CASH"
  /** Paid outside Square (third-party card terminal, bank transfer, e-wallet). */
  | "EXTERNAL";

/** Status of a store (Square LocationStatus). */
export type StoreStatus =
  /** Trading. */
  | "ACTIVE"
  /** Closed or deactivated. */
  | "INACTIVE";

/** What kind of touchpoint a timeline event is. */
export type TimelineEventKind =
  /** A click on an ad or a tracked link that brought the person in. */
  | "AD_REFERRAL"
  /** A phone call logged in the CRM. */
  | "CALL"
  /** A shopping cart (started, handed over, abandoned). */
  | "CART"
  /** An email logged in the CRM (sent or received). */
  | "EMAIL"
  /** A message in a conversation (either direction). */
  | "MESSAGE"
  /** A note an agent logged in the CRM. */
  | "NOTE"
  /** A sale in a store. */
  | "STORE_SALE"
  /** A support ticket. */
  | "TICKET"
  /** An order placed in the web shop. */
  | "WEB_ORDER";

export type ConsoleStoresQueryVariables = Exact<{ [key: string]: never }>;

export type ConsoleStoresQuery = {
  stores: Array<{
    id: string;
    name: string;
    city: string | null;
    country: string | null;
    status: StoreStatus;
  }>;
};

export type ChannelStatisticsQueryVariables = Exact<{
  combinations?: number | null | undefined;
}>;

export type ChannelStatisticsQuery = {
  channelStatistics: {
    customers: number;
    linkedRecords: number;
    computedAt: string;
    systems: Array<{
      system: string;
      customers: number;
      linkedRecords: number;
      share: number;
    }>;
    overlap: Array<{ systemCount: number; customers: number }>;
    combinations: Array<{ systems: Array<string>; customers: number }>;
  };
};

export type Customer360QueryVariables = Exact<{
  id: string | number;
}>;

export type Customer360Query = {
  customer: {
    id: string;
    createdAt: string;
    profile: {
      name: {
        value: string;
        updatedAt: string;
        source: { system: string; externalId: string };
      } | null;
      emails: Array<{ value: string; source: { system: string } }>;
      phones: Array<{ value: string; source: { system: string } }>;
      consent: Array<{
        channel: ConsentChannel;
        state: ConsentState;
        source: { system: string } | null;
      }>;
    };
    links: Array<{
      system: string;
      externalId: string;
      rule: LinkRule;
      linkedAt: string;
    }>;
    crmContacts: Array<{
      id: string;
      name: string | null;
      lifecycleStage: CrmLifecycleStage | null;
      notes: Array<{ body: string | null; createdAt: string }> | null;
      tickets: Array<{
        subject: string | null;
        status: CrmTicketStatus;
        priority: CrmTicketPriority | null;
        createdAt: string;
      }> | null;
    }> | null;
    shopAccounts: Array<{
      id: string;
      email: string | null;
      orders: Array<{
        name: string;
        createdAt: string;
        fulfillmentStatus: ShopFulfillmentStatus;
        total: { amount: string; currencyCode: string };
        lineItems: Array<{
          sku: string | null;
          title: string;
          quantity: number;
        }>;
      }> | null;
    }> | null;
    posCustomers: Array<{
      id: string;
      phone: string | null;
      loyalty: { balance: number } | null;
      sales: Array<{
        createdAt: string;
        store: { name: string; city: string | null } | null;
        total: { amount: string; currencyCode: string };
      }> | null;
    }> | null;
    socialProfiles: Array<{
      platform: SocialPlatform;
      name: string | null;
      referrals: Array<{ source: string; adTitle: string | null; at: string }>;
      conversations: Array<{
        updatedAt: string;
        messages: Array<{
          at: string;
          fromCustomer: boolean;
          text: string | null;
        }>;
      }>;
    }> | null;
  } | null;
};

export type CustomerBySourceRecordQueryVariables = Exact<{
  system: string;
  externalId: string | number;
}>;

export type CustomerBySourceRecordQuery = {
  customerBySourceId: {
    id: string;
    profile: { name: { value: string; source: { system: string } } | null };
    links: Array<{ system: string; externalId: string; rule: LinkRule }>;
  } | null;
};

export type CustomerJourneyQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
  channels?: Array<Channel> | Channel | null | undefined;
  since?: string | null | undefined;
  until?: string | null | undefined;
}>;

export type CustomerJourneyQuery = {
  customer: {
    id: string;
    journey: {
      unavailableSystems: Array<string>;
      nodes: Array<{
        id: string;
        channel: Channel;
        kind: TimelineEventKind;
        occurredAt: string;
        summary: string;
        system: string;
        open: boolean | null;
        subject: { typename: string; id: string };
        amount: { amount: string; currencyCode: string } | null;
      }>;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    } | null;
  } | null;
};

export type CustomerOrdersQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;

export type CustomerOrdersQuery = {
  customer: {
    id: string;
    orders: {
      unavailableSystems: Array<string>;
      nodes: Array<{
        id: string;
        channel: Channel;
        placedAt: string;
        fulfillmentState: OrderFulfillmentState;
        total: { amount: string; currencyCode: string } | null;
        store: { id: string; name: string } | null;
        subject: { typename: string; id: string };
      }>;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    } | null;
  } | null;
};

export type CustomerSearchQueryVariables = Exact<{
  search?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;

export type CustomerSearchQuery = {
  customers: {
    edges: Array<{
      cursor: string;
      node: {
        id: string;
        profile: {
          name: { value: string } | null;
          primaryEmail: { value: string } | null;
          primaryPhone: { value: string } | null;
        };
        shopAccounts: Array<{
          id: string;
          orders: Array<{
            name: string;
            total: { amount: string; currencyCode: string };
          }> | null;
        }> | null;
        posCustomers: Array<{
          id: string;
          sales: Array<{
            createdAt: string;
            total: { amount: string; currencyCode: string };
          }> | null;
        }> | null;
      };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

export type HandoffCartToStoreMutationVariables = Exact<{
  cartId: string | number;
  storeId: string | number;
  idempotencyKey: string;
}>;

export type HandoffCartToStoreMutation = {
  handoffCartToStore: {
    id: string;
    state: FlowState;
    lastError: string | null;
    posOrder: {
      id: string;
      state: PosOrderState;
      lineItems: Array<{ sku: string | null; quantity: string }>;
      store: { name: string } | null;
    } | null;
    steps: Array<{
      name: string;
      state: FlowStepState;
      attempts: number;
      lastError: string | null;
    }>;
  };
};

export type MarkPickupCollectedMutationVariables = Exact<{
  posOrderId: string | number;
  idempotencyKey: string;
}>;

export type MarkPickupCollectedMutation = {
  markPickupCollected: {
    id: string;
    state: PosOrderState;
    pickup: { state: PickupState; pickedUpAt: string | null } | null;
  };
};

export type MarkPickupReadyMutationVariables = Exact<{
  posOrderId: string | number;
  idempotencyKey: string;
}>;

export type MarkPickupReadyMutation = {
  markPickupReady: {
    id: string;
    state: PosOrderState;
    pickup: { state: PickupState; readyAt: string | null } | null;
  };
};

export type MergeCartsOnSignInMutationVariables = Exact<{
  guestCartId: string | number;
  customerCartId: string | number;
  idempotencyKey: string;
}>;

export type MergeCartsOnSignInMutation = {
  mergeCarts: {
    id: string;
    status: ShopCartStatus;
    itemCount: number;
    lines: Array<{
      sku: string;
      title: string;
      quantity: number;
      unitPrice: { amount: string; currencyCode: string };
    }>;
  };
};

export type PickupFlowQueryVariables = Exact<{
  shopOrderId: string | number;
}>;

export type PickupFlowQuery = {
  flowsForOrder: Array<{
    id: string;
    kind: FlowKind;
    state: FlowState;
    storeId: string | null;
    lastError: string | null;
    createdAt: string;
    updatedAt: string;
    posOrder: {
      id: string;
      state: PosOrderState;
      pickup: { state: PickupState } | null;
    } | null;
    steps: Array<{
      name: string;
      state: FlowStepState;
      attempts: number;
      lastError: string | null;
      nextAttemptAt: string | null;
      at: string;
    }>;
    notification: {
      channel: NotificationChannel | null;
      state: NotificationState;
      rule: NotificationRule;
      preferredChannel: string | null;
      reason: string;
      messageId: string | null;
      at: string;
      options: Array<{
        channel: NotificationChannel;
        consent: string;
        preferred: boolean;
        allowed: boolean;
        basis: NotificationBasis | null;
        reason: string;
      }>;
    } | null;
  }>;
};

export type ProductAvailabilityQueryVariables = Exact<{
  sku: string | number;
}>;

export type ProductAvailabilityQuery = {
  product: {
    sku: string;
    name: string | null;
    online: {
      available: number | null;
      price: { amount: string; currencyCode: string };
    } | null;
    stores: Array<{
      quantity: number | null;
      inStock: boolean;
      store: {
        id: string;
        name: string;
        city: string | null;
        country: string | null;
      };
      price: { amount: string; currencyCode: string } | null;
    }>;
  } | null;
};

export type RecordInteractionMutationVariables = Exact<{
  input: RecordInteractionInput;
}>;

export type RecordInteractionMutation = {
  recordInteraction: {
    contactCreated: boolean;
    channel: Channel;
    contact: { id: string; name: string | null };
    note: {
      id: string;
      body: string | null;
      channel: Channel | null;
      occurredAt: string | null;
    } | null;
    call: {
      id: string;
      title: string | null;
      occurredAt: string | null;
    } | null;
  };
};

export type RecordStoreSaleMutationVariables = Exact<{
  input: RecordStoreSaleInput;
}>;

export type RecordStoreSaleMutation = {
  recordStoreSale: {
    order: {
      id: string;
      state: PosOrderState;
      closedAt: string | null;
      total: { amount: string; currencyCode: string };
      lineItems: Array<{ sku: string | null; quantity: string }>;
      store: { id: string; name: string } | null;
    };
    products: Array<{
      sku: string;
      stores: Array<{ quantity: number | null; store: { id: string } }>;
      availability: {
        online: { available: boolean; stock: number | null } | null;
      };
    }>;
  };
};

export type ResumeCartOnDeviceQueryVariables = Exact<{
  token: string;
}>;

export type ResumeCartOnDeviceQuery = {
  cartByResumeToken: {
    id: string;
    status: ShopCartStatus;
    isGuest: boolean;
    itemCount: number;
    updatedAt: string;
    lines: Array<{
      sku: string;
      title: string;
      quantity: number;
      unitPrice: { amount: string; currencyCode: string };
      product: { sku: string };
    }>;
  } | null;
};

export type StorePickupQueueQueryVariables = Exact<{
  storeId: string | number;
}>;

export type StorePickupQueueQuery = {
  store: {
    id: string;
    name: string;
    pickupQueue: Array<{
      id: string;
      referenceId: string | null;
      createdAt: string;
      pickup: {
        state: PickupState;
        recipientName: string | null;
        placedAt: string | null;
        readyAt: string | null;
      } | null;
      lineItems: Array<{ sku: string | null; name: string; quantity: string }>;
      identity: {
        customer: {
          id: string;
          profile: { name: { value: string } | null };
        } | null;
      } | null;
    }>;
  } | null;
};

export type StuckFlowsQueryVariables = Exact<{
  state?: FlowState | null | undefined;
  after?: string | null | undefined;
}>;

export type StuckFlowsQuery = {
  flows: {
    endCursor: string | null;
    hasNextPage: boolean;
    nodes: Array<{
      id: string;
      kind: FlowKind;
      state: FlowState;
      lastError: string | null;
      updatedAt: string;
      subject: { system: string; externalId: string };
      steps: Array<{
        name: string;
        state: FlowStepState;
        attempts: number;
        lastError: string | null;
        nextAttemptAt: string | null;
      }>;
    }>;
  };
};

export type SupportContextQueryVariables = Exact<{
  id: string | number;
}>;

export type SupportContextQuery = {
  customer: {
    id: string;
    profile: { name: { value: string } | null };
    openCases: {
      nodes: Array<{
        id: string;
        channel: Channel;
        kind: TimelineEventKind;
        occurredAt: string;
        summary: string;
        system: string;
        subject: { typename: string; id: string };
      }>;
    } | null;
    interactions: {
      unavailableSystems: Array<string>;
      nodes: Array<{
        id: string;
        channel: Channel;
        kind: TimelineEventKind;
        occurredAt: string;
        summary: string;
        system: string;
        open: boolean | null;
      }>;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    } | null;
    channelInsight: {
      preferredChannel: Channel | null;
      preferredChannelReason: string;
      channels: Array<{
        channel: Channel;
        events: number;
        firstTouchAt: string;
        lastTouchAt: string;
        systems: Array<string>;
      }>;
      consent: Array<{
        consentChannel: ConsentChannel;
        channels: Array<Channel>;
        state: ConsentState;
        capturedIn: string | null;
        updatedAt: string | null;
      }>;
    } | null;
  } | null;
};

export type WhereToBuyQueryVariables = Exact<{
  sku: string | number;
  quantity?: number | null | undefined;
  country?: string | null | undefined;
}>;

export type WhereToBuyQuery = {
  product: {
    sku: string;
    name: string | null;
    availability: {
      quantity: number;
      anywhere: boolean;
      online: {
        available: boolean;
        stock: number | null;
        price: { amount: string; currencyCode: string };
      } | null;
      stores: Array<{
        stock: number;
        store: { id: string; name: string; city: string | null };
        price: { amount: string; currencyCode: string } | null;
      }>;
    };
    priceMismatch: {
      currencies: Array<string>;
      prices: Array<{
        channel: PriceChannel;
        store: { id: string; name: string } | null;
        price: { amount: string; currencyCode: string };
      }>;
      spreads: Array<{
        lowest: { amount: string; currencyCode: string };
        highest: { amount: string; currencyCode: string };
      }>;
    } | null;
  } | null;
};

export const ConsoleStoresDocument = {
  __meta__: {
    hash: "sha256:51922f4142234f604c6e713d3857d7bc4e8cddda73d3220fa517392d858e8a90",
  },
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "query",
      name: { kind: "Name", value: "ConsoleStores" },
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "stores" },
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "id" } },
                { kind: "Field", name: { kind: "Name", value: "name" } },
                { kind: "Field", name: { kind: "Name", value: "city" } },
                { kind: "Field", name: { kind: "Name", value: "country" } },
                { kind: "Field", name: { kind: "Name", value: "status" } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ConsoleStoresQuery, ConsoleStoresQueryVariables>;
export const ChannelStatisticsDocument = {
  __meta__: {
    hash: "sha256:c5d1122af64aa0a78982c9aacd5a850392a4dc7606d82277cf4262c432c6ce56",
  },
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "query",
      name: { kind: "Name", value: "ChannelStatistics" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "combinations" },
          },
          type: { kind: "NamedType", name: { kind: "Name", value: "Int" } },
          defaultValue: { kind: "IntValue", value: "10" },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "channelStatistics" },
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "customers" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "linkedRecords" },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "systems" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "system" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "customers" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "linkedRecords" },
                      },
                      { kind: "Field", name: { kind: "Name", value: "share" } },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "overlap" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "systemCount" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "customers" },
                      },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "combinations" },
                  arguments: [
                    {
                      kind: "Argument",
                      name: { kind: "Name", value: "first" },
                      value: {
                        kind: "Variable",
                        name: { kind: "Name", value: "combinations" },
                      },
                    },
                  ],
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "systems" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "customers" },
                      },
                    ],
                  },
                },
                { kind: "Field", name: { kind: "Name", value: "computedAt" } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<
  ChannelStatisticsQuery,
  ChannelStatisticsQueryVariables
>;
export const Customer360Document = {
  __meta__: {
    hash: "sha256:b1afe127c65622d68c15f03f4503cde9ecf4e984141660099e7b9fd3a0afbe0c",
  },
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "query",
      name: { kind: "Name", value: "Customer360" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "id" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "ID" } },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "customer" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "id" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "id" },
                },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "id" } },
                { kind: "Field", name: { kind: "Name", value: "createdAt" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "profile" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "name" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "value" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "source" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "system" },
                                  },
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "externalId" },
                                  },
                                ],
                              },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "updatedAt" },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "emails" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "value" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "source" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "system" },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "phones" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "value" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "source" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "system" },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "consent" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "channel" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "state" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "source" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "system" },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "links" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "system" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "externalId" },
                      },
                      { kind: "Field", name: { kind: "Name", value: "rule" } },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "linkedAt" },
                      },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "crmContacts" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "id" } },
                      { kind: "Field", name: { kind: "Name", value: "name" } },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "lifecycleStage" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "notes" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "body" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "createdAt" },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "tickets" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "subject" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "status" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "priority" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "createdAt" },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "shopAccounts" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "id" } },
                      { kind: "Field", name: { kind: "Name", value: "email" } },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "orders" },
                        arguments: [
                          {
                            kind: "Argument",
                            name: { kind: "Name", value: "first" },
                            value: { kind: "IntValue", value: "5" },
                          },
                        ],
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "name" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "createdAt" },
                            },
                            {
                              kind: "Field",
                              name: {
                                kind: "Name",
                                value: "fulfillmentStatus",
                              },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "total" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "amount" },
                                  },
                                  {
                                    kind: "Field",
                                    name: {
                                      kind: "Name",
                                      value: "currencyCode",
                                    },
                                  },
                                ],
                              },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "lineItems" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "sku" },
                                  },
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "title" },
                                  },
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "quantity" },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "posCustomers" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "id" } },
                      { kind: "Field", name: { kind: "Name", value: "phone" } },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "loyalty" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "balance" },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "sales" },
                        arguments: [
                          {
                            kind: "Argument",
                            name: { kind: "Name", value: "first" },
                            value: { kind: "IntValue", value: "5" },
                          },
                        ],
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "createdAt" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "store" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "name" },
                                  },
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "city" },
                                  },
                                ],
                              },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "total" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "amount" },
                                  },
                                  {
                                    kind: "Field",
                                    name: {
                                      kind: "Name",
                                      value: "currencyCode",
                                    },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "socialProfiles" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "platform" },
                      },
                      { kind: "Field", name: { kind: "Name", value: "name" } },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "referrals" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "source" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "adTitle" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "at" },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "conversations" },
                        arguments: [
                          {
                            kind: "Argument",
                            name: { kind: "Name", value: "first" },
                            value: { kind: "IntValue", value: "3" },
                          },
                        ],
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "updatedAt" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "messages" },
                              arguments: [
                                {
                                  kind: "Argument",
                                  name: { kind: "Name", value: "first" },
                                  value: { kind: "IntValue", value: "3" },
                                },
                              ],
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "at" },
                                  },
                                  {
                                    kind: "Field",
                                    name: {
                                      kind: "Name",
                                      value: "fromCustomer",
                                    },
                                  },
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "text" },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<Customer360Query, Customer360QueryVariables>;
export const CustomerBySourceRecordDocument = {
  __meta__: {
    hash: "sha256:c5dac513043f1edd504bad2068c069a865043188f62860ab6db325fcd4f425d1",
  },
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "query",
      name: { kind: "Name", value: "CustomerBySourceRecord" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "system" },
          },
          type: {
            kind: "NonNullType",
            type: {
              kind: "NamedType",
              name: { kind: "Name", value: "String" },
            },
          },
        },
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "externalId" },
          },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "ID" } },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "customerBySourceId" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "system" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "system" },
                },
              },
              {
                kind: "Argument",
                name: { kind: "Name", value: "externalId" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "externalId" },
                },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "id" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "profile" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "name" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "value" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "source" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "system" },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "links" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "system" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "externalId" },
                      },
                      { kind: "Field", name: { kind: "Name", value: "rule" } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<
  CustomerBySourceRecordQuery,
  CustomerBySourceRecordQueryVariables
>;
export const CustomerJourneyDocument = {
  __meta__: {
    hash: "sha256:3be9cc03ef483564423ca3ade75489b103689cc46d4bfd53fe985e656b187f7b",
  },
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "query",
      name: { kind: "Name", value: "CustomerJourney" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "id" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "ID" } },
          },
        },
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "first" },
          },
          type: { kind: "NamedType", name: { kind: "Name", value: "Int" } },
          defaultValue: { kind: "IntValue", value: "20" },
        },
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "after" },
          },
          type: { kind: "NamedType", name: { kind: "Name", value: "String" } },
        },
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "channels" },
          },
          type: {
            kind: "ListType",
            type: {
              kind: "NonNullType",
              type: {
                kind: "NamedType",
                name: { kind: "Name", value: "Channel" },
              },
            },
          },
        },
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "since" },
          },
          type: {
            kind: "NamedType",
            name: { kind: "Name", value: "DateTime" },
          },
        },
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "until" },
          },
          type: {
            kind: "NamedType",
            name: { kind: "Name", value: "DateTime" },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "customer" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "id" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "id" },
                },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "id" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "journey" },
                  arguments: [
                    {
                      kind: "Argument",
                      name: { kind: "Name", value: "first" },
                      value: {
                        kind: "Variable",
                        name: { kind: "Name", value: "first" },
                      },
                    },
                    {
                      kind: "Argument",
                      name: { kind: "Name", value: "after" },
                      value: {
                        kind: "Variable",
                        name: { kind: "Name", value: "after" },
                      },
                    },
                    {
                      kind: "Argument",
                      name: { kind: "Name", value: "channels" },
                      value: {
                        kind: "Variable",
                        name: { kind: "Name", value: "channels" },
                      },
                    },
                    {
                      kind: "Argument",
                      name: { kind: "Name", value: "since" },
                      value: {
                        kind: "Variable",
                        name: { kind: "Name", value: "since" },
                      },
                    },
                    {
                      kind: "Argument",
                      name: { kind: "Name", value: "until" },
                      value: {
                        kind: "Variable",
                        name: { kind: "Name", value: "until" },
                      },
                    },
                  ],
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "nodes" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "id" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "channel" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "kind" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "occurredAt" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "summary" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "system" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "subject" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "typename" },
                                  },
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "id" },
                                  },
                                ],
                              },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "amount" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "amount" },
                                  },
                                  {
                                    kind: "Field",
                                    name: {
                                      kind: "Name",
                                      value: "currencyCode",
                                    },
                                  },
                                ],
                              },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "open" },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "pageInfo" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "hasNextPage" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "endCursor" },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "unavailableSystems" },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<
  CustomerJourneyQuery,
  CustomerJourneyQueryVariables
>;
export const CustomerOrdersDocument = {
  __meta__: {
    hash: "sha256:e687c738e23c8c3fec65bb052137bc96753ce0a973ea50b69b059394bf9caa04",
  },
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "query",
      name: { kind: "Name", value: "CustomerOrders" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "id" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "ID" } },
          },
        },
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "first" },
          },
          type: { kind: "NamedType", name: { kind: "Name", value: "Int" } },
          defaultValue: { kind: "IntValue", value: "20" },
        },
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "after" },
          },
          type: { kind: "NamedType", name: { kind: "Name", value: "String" } },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "customer" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "id" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "id" },
                },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "id" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "orders" },
                  arguments: [
                    {
                      kind: "Argument",
                      name: { kind: "Name", value: "first" },
                      value: {
                        kind: "Variable",
                        name: { kind: "Name", value: "first" },
                      },
                    },
                    {
                      kind: "Argument",
                      name: { kind: "Name", value: "after" },
                      value: {
                        kind: "Variable",
                        name: { kind: "Name", value: "after" },
                      },
                    },
                  ],
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "nodes" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "id" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "channel" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "placedAt" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "total" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "amount" },
                                  },
                                  {
                                    kind: "Field",
                                    name: {
                                      kind: "Name",
                                      value: "currencyCode",
                                    },
                                  },
                                ],
                              },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "store" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "id" },
                                  },
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "name" },
                                  },
                                ],
                              },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "fulfillmentState" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "subject" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "typename" },
                                  },
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "id" },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "pageInfo" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "hasNextPage" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "endCursor" },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "unavailableSystems" },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CustomerOrdersQuery, CustomerOrdersQueryVariables>;
export const CustomerSearchDocument = {
  __meta__: {
    hash: "sha256:13f12d9106ac6125c8171b2d2ace81b55b8120b2f182a0c49c26ccb971b2adae",
  },
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "query",
      name: { kind: "Name", value: "CustomerSearch" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "search" },
          },
          type: { kind: "NamedType", name: { kind: "Name", value: "String" } },
        },
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "first" },
          },
          type: { kind: "NamedType", name: { kind: "Name", value: "Int" } },
          defaultValue: { kind: "IntValue", value: "50" },
        },
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "after" },
          },
          type: { kind: "NamedType", name: { kind: "Name", value: "String" } },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "customers" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "search" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "search" },
                },
              },
              {
                kind: "Argument",
                name: { kind: "Name", value: "first" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "first" },
                },
              },
              {
                kind: "Argument",
                name: { kind: "Name", value: "after" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "after" },
                },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                {
                  kind: "Field",
                  name: { kind: "Name", value: "edges" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "cursor" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "node" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "id" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "profile" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "name" },
                                    selectionSet: {
                                      kind: "SelectionSet",
                                      selections: [
                                        {
                                          kind: "Field",
                                          name: {
                                            kind: "Name",
                                            value: "value",
                                          },
                                        },
                                      ],
                                    },
                                  },
                                  {
                                    kind: "Field",
                                    name: {
                                      kind: "Name",
                                      value: "primaryEmail",
                                    },
                                    selectionSet: {
                                      kind: "SelectionSet",
                                      selections: [
                                        {
                                          kind: "Field",
                                          name: {
                                            kind: "Name",
                                            value: "value",
                                          },
                                        },
                                      ],
                                    },
                                  },
                                  {
                                    kind: "Field",
                                    name: {
                                      kind: "Name",
                                      value: "primaryPhone",
                                    },
                                    selectionSet: {
                                      kind: "SelectionSet",
                                      selections: [
                                        {
                                          kind: "Field",
                                          name: {
                                            kind: "Name",
                                            value: "value",
                                          },
                                        },
                                      ],
                                    },
                                  },
                                ],
                              },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "shopAccounts" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "id" },
                                  },
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "orders" },
                                    arguments: [
                                      {
                                        kind: "Argument",
                                        name: { kind: "Name", value: "first" },
                                        value: { kind: "IntValue", value: "3" },
                                      },
                                    ],
                                    selectionSet: {
                                      kind: "SelectionSet",
                                      selections: [
                                        {
                                          kind: "Field",
                                          name: { kind: "Name", value: "name" },
                                        },
                                        {
                                          kind: "Field",
                                          name: {
                                            kind: "Name",
                                            value: "total",
                                          },
                                          selectionSet: {
                                            kind: "SelectionSet",
                                            selections: [
                                              {
                                                kind: "Field",
                                                name: {
                                                  kind: "Name",
                                                  value: "amount",
                                                },
                                              },
                                              {
                                                kind: "Field",
                                                name: {
                                                  kind: "Name",
                                                  value: "currencyCode",
                                                },
                                              },
                                            ],
                                          },
                                        },
                                      ],
                                    },
                                  },
                                ],
                              },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "posCustomers" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "id" },
                                  },
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "sales" },
                                    arguments: [
                                      {
                                        kind: "Argument",
                                        name: { kind: "Name", value: "first" },
                                        value: { kind: "IntValue", value: "3" },
                                      },
                                    ],
                                    selectionSet: {
                                      kind: "SelectionSet",
                                      selections: [
                                        {
                                          kind: "Field",
                                          name: {
                                            kind: "Name",
                                            value: "createdAt",
                                          },
                                        },
                                        {
                                          kind: "Field",
                                          name: {
                                            kind: "Name",
                                            value: "total",
                                          },
                                          selectionSet: {
                                            kind: "SelectionSet",
                                            selections: [
                                              {
                                                kind: "Field",
                                                name: {
                                                  kind: "Name",
                                                  value: "amount",
                                                },
                                              },
                                              {
                                                kind: "Field",
                                                name: {
                                                  kind: "Name",
                                                  value: "currencyCode",
                                                },
                                              },
                                            ],
                                          },
                                        },
                                      ],
                                    },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "pageInfo" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "hasNextPage" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "endCursor" },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CustomerSearchQuery, CustomerSearchQueryVariables>;
export const HandoffCartToStoreDocument = {
  __meta__: {
    hash: "sha256:e6253eb8c4995a9d6051b82486d9ee5eab3ad14c288cd8aad02544dcc00d3b3d",
  },
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "HandoffCartToStore" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "cartId" },
          },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "ID" } },
          },
        },
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "storeId" },
          },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "ID" } },
          },
        },
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "idempotencyKey" },
          },
          type: {
            kind: "NonNullType",
            type: {
              kind: "NamedType",
              name: { kind: "Name", value: "String" },
            },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "handoffCartToStore" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "cartId" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "cartId" },
                },
              },
              {
                kind: "Argument",
                name: { kind: "Name", value: "storeId" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "storeId" },
                },
              },
              {
                kind: "Argument",
                name: { kind: "Name", value: "idempotencyKey" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "idempotencyKey" },
                },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "id" } },
                { kind: "Field", name: { kind: "Name", value: "state" } },
                { kind: "Field", name: { kind: "Name", value: "lastError" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "posOrder" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "id" } },
                      { kind: "Field", name: { kind: "Name", value: "state" } },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "lineItems" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "sku" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "quantity" },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "store" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "name" },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "steps" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "name" } },
                      { kind: "Field", name: { kind: "Name", value: "state" } },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "attempts" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "lastError" },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<
  HandoffCartToStoreMutation,
  HandoffCartToStoreMutationVariables
>;
export const MarkPickupCollectedDocument = {
  __meta__: {
    hash: "sha256:ff0c6f5aeed4fb0bea4ffe784bd9c9a5c30a16a9a668b23b0cb4f1f9056b9daa",
  },
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "MarkPickupCollected" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "posOrderId" },
          },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "ID" } },
          },
        },
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "idempotencyKey" },
          },
          type: {
            kind: "NonNullType",
            type: {
              kind: "NamedType",
              name: { kind: "Name", value: "String" },
            },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "markPickupCollected" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "posOrderId" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "posOrderId" },
                },
              },
              {
                kind: "Argument",
                name: { kind: "Name", value: "idempotencyKey" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "idempotencyKey" },
                },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "id" } },
                { kind: "Field", name: { kind: "Name", value: "state" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "pickup" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "state" } },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "pickedUpAt" },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<
  MarkPickupCollectedMutation,
  MarkPickupCollectedMutationVariables
>;
export const MarkPickupReadyDocument = {
  __meta__: {
    hash: "sha256:9f8d11690ae739a2ce75ea62bc3a3595e78dda8c058378f5d51e09f3ec6e65c3",
  },
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "MarkPickupReady" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "posOrderId" },
          },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "ID" } },
          },
        },
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "idempotencyKey" },
          },
          type: {
            kind: "NonNullType",
            type: {
              kind: "NamedType",
              name: { kind: "Name", value: "String" },
            },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "markPickupReady" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "posOrderId" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "posOrderId" },
                },
              },
              {
                kind: "Argument",
                name: { kind: "Name", value: "idempotencyKey" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "idempotencyKey" },
                },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "id" } },
                { kind: "Field", name: { kind: "Name", value: "state" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "pickup" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "state" } },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "readyAt" },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<
  MarkPickupReadyMutation,
  MarkPickupReadyMutationVariables
>;
export const MergeCartsOnSignInDocument = {
  __meta__: {
    hash: "sha256:d8f7ff6b095731cba109737e4e691d2df8c76300a54a661632bf8dc4c882cf29",
  },
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "MergeCartsOnSignIn" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "guestCartId" },
          },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "ID" } },
          },
        },
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "customerCartId" },
          },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "ID" } },
          },
        },
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "idempotencyKey" },
          },
          type: {
            kind: "NonNullType",
            type: {
              kind: "NamedType",
              name: { kind: "Name", value: "String" },
            },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "mergeCarts" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "guestCartId" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "guestCartId" },
                },
              },
              {
                kind: "Argument",
                name: { kind: "Name", value: "customerCartId" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "customerCartId" },
                },
              },
              {
                kind: "Argument",
                name: { kind: "Name", value: "idempotencyKey" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "idempotencyKey" },
                },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "id" } },
                { kind: "Field", name: { kind: "Name", value: "status" } },
                { kind: "Field", name: { kind: "Name", value: "itemCount" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "lines" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "sku" } },
                      { kind: "Field", name: { kind: "Name", value: "title" } },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "quantity" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "unitPrice" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "amount" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "currencyCode" },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<
  MergeCartsOnSignInMutation,
  MergeCartsOnSignInMutationVariables
>;
export const PickupFlowDocument = {
  __meta__: {
    hash: "sha256:bb3806068aff52c30afe3280430c2412ee9eec1be59e44c5adbde460c9959f2c",
  },
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "query",
      name: { kind: "Name", value: "PickupFlow" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "shopOrderId" },
          },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "ID" } },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "flowsForOrder" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "system" },
                value: { kind: "StringValue", value: "shop", block: false },
              },
              {
                kind: "Argument",
                name: { kind: "Name", value: "externalId" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "shopOrderId" },
                },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "id" } },
                { kind: "Field", name: { kind: "Name", value: "kind" } },
                { kind: "Field", name: { kind: "Name", value: "state" } },
                { kind: "Field", name: { kind: "Name", value: "storeId" } },
                { kind: "Field", name: { kind: "Name", value: "lastError" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "posOrder" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "id" } },
                      { kind: "Field", name: { kind: "Name", value: "state" } },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "pickup" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "state" },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "steps" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "name" } },
                      { kind: "Field", name: { kind: "Name", value: "state" } },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "attempts" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "lastError" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "nextAttemptAt" },
                      },
                      { kind: "Field", name: { kind: "Name", value: "at" } },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "notification" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "channel" },
                      },
                      { kind: "Field", name: { kind: "Name", value: "state" } },
                      { kind: "Field", name: { kind: "Name", value: "rule" } },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "preferredChannel" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "options" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "channel" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "consent" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "preferred" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "allowed" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "basis" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "reason" },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "reason" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "messageId" },
                      },
                      { kind: "Field", name: { kind: "Name", value: "at" } },
                    ],
                  },
                },
                { kind: "Field", name: { kind: "Name", value: "createdAt" } },
                { kind: "Field", name: { kind: "Name", value: "updatedAt" } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<PickupFlowQuery, PickupFlowQueryVariables>;
export const ProductAvailabilityDocument = {
  __meta__: {
    hash: "sha256:e2c6a9e259cfd10214f303a10bcec4067851aa4effb1cd4c29ac7fa50895f3ef",
  },
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "query",
      name: { kind: "Name", value: "ProductAvailability" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "sku" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "ID" } },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "product" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "sku" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "sku" },
                },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "sku" } },
                { kind: "Field", name: { kind: "Name", value: "name" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "online" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "price" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "amount" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "currencyCode" },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "available" },
                      },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "stores" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "store" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "id" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "name" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "city" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "country" },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "price" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "amount" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "currencyCode" },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "quantity" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "inStock" },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<
  ProductAvailabilityQuery,
  ProductAvailabilityQueryVariables
>;
export const RecordInteractionDocument = {
  __meta__: {
    hash: "sha256:91d07e37c801df078f7672d8c09fcc631db689f35555e6f60e570ad62c228478",
  },
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "RecordInteraction" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "input" },
          },
          type: {
            kind: "NonNullType",
            type: {
              kind: "NamedType",
              name: { kind: "Name", value: "RecordInteractionInput" },
            },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "recordInteraction" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "input" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "input" },
                },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                {
                  kind: "Field",
                  name: { kind: "Name", value: "contact" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "id" } },
                      { kind: "Field", name: { kind: "Name", value: "name" } },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "contactCreated" },
                },
                { kind: "Field", name: { kind: "Name", value: "channel" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "note" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "id" } },
                      { kind: "Field", name: { kind: "Name", value: "body" } },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "channel" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "occurredAt" },
                      },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "call" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "id" } },
                      { kind: "Field", name: { kind: "Name", value: "title" } },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "occurredAt" },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<
  RecordInteractionMutation,
  RecordInteractionMutationVariables
>;
export const RecordStoreSaleDocument = {
  __meta__: {
    hash: "sha256:5434ee8a1b52a6d3367e205bce8d0e4239900faf18b6da053e48ec8178ec0174",
  },
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "mutation",
      name: { kind: "Name", value: "RecordStoreSale" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "input" },
          },
          type: {
            kind: "NonNullType",
            type: {
              kind: "NamedType",
              name: { kind: "Name", value: "RecordStoreSaleInput" },
            },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "recordStoreSale" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "input" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "input" },
                },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                {
                  kind: "Field",
                  name: { kind: "Name", value: "order" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "id" } },
                      { kind: "Field", name: { kind: "Name", value: "state" } },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "closedAt" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "total" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "amount" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "currencyCode" },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "lineItems" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "sku" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "quantity" },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "store" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "id" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "name" },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "products" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "sku" } },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "stores" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "store" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "id" },
                                  },
                                ],
                              },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "quantity" },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "availability" },
                        arguments: [
                          {
                            kind: "Argument",
                            name: { kind: "Name", value: "quantity" },
                            value: { kind: "IntValue", value: "1" },
                          },
                        ],
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "online" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "available" },
                                  },
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "stock" },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<
  RecordStoreSaleMutation,
  RecordStoreSaleMutationVariables
>;
export const ResumeCartOnDeviceDocument = {
  __meta__: {
    hash: "sha256:ab0b4f5b791fa6b76353a6b28580b4467db59cec7e50d3ac5d1f60bb3e0b589b",
  },
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "query",
      name: { kind: "Name", value: "ResumeCartOnDevice" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "token" },
          },
          type: {
            kind: "NonNullType",
            type: {
              kind: "NamedType",
              name: { kind: "Name", value: "String" },
            },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "cartByResumeToken" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "token" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "token" },
                },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "id" } },
                { kind: "Field", name: { kind: "Name", value: "status" } },
                { kind: "Field", name: { kind: "Name", value: "isGuest" } },
                { kind: "Field", name: { kind: "Name", value: "itemCount" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "lines" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "sku" } },
                      { kind: "Field", name: { kind: "Name", value: "title" } },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "quantity" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "unitPrice" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "amount" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "currencyCode" },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "product" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "sku" },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                { kind: "Field", name: { kind: "Name", value: "updatedAt" } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<
  ResumeCartOnDeviceQuery,
  ResumeCartOnDeviceQueryVariables
>;
export const StorePickupQueueDocument = {
  __meta__: {
    hash: "sha256:e55f4af35253078d78fb39f7ec4c2107a3c41f16cad145ab4e2fa2d7f9c490e7",
  },
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "query",
      name: { kind: "Name", value: "StorePickupQueue" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "storeId" },
          },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "ID" } },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "store" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "id" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "storeId" },
                },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "id" } },
                { kind: "Field", name: { kind: "Name", value: "name" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "pickupQueue" },
                  arguments: [
                    {
                      kind: "Argument",
                      name: { kind: "Name", value: "first" },
                      value: { kind: "IntValue", value: "50" },
                    },
                  ],
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "id" } },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "referenceId" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "createdAt" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "pickup" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "state" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "recipientName" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "placedAt" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "readyAt" },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "lineItems" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "sku" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "name" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "quantity" },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "identity" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "customer" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "id" },
                                  },
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "profile" },
                                    selectionSet: {
                                      kind: "SelectionSet",
                                      selections: [
                                        {
                                          kind: "Field",
                                          name: { kind: "Name", value: "name" },
                                          selectionSet: {
                                            kind: "SelectionSet",
                                            selections: [
                                              {
                                                kind: "Field",
                                                name: {
                                                  kind: "Name",
                                                  value: "value",
                                                },
                                              },
                                            ],
                                          },
                                        },
                                      ],
                                    },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<
  StorePickupQueueQuery,
  StorePickupQueueQueryVariables
>;
export const StuckFlowsDocument = {
  __meta__: {
    hash: "sha256:e7e30b61b1dc1a72deb1cd6fc3a7b3f9c25d4d2a7e1114f20785eccbe6385327",
  },
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "query",
      name: { kind: "Name", value: "StuckFlows" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "state" },
          },
          type: {
            kind: "NamedType",
            name: { kind: "Name", value: "FlowState" },
          },
          defaultValue: { kind: "EnumValue", value: "FAILED" },
        },
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "after" },
          },
          type: { kind: "NamedType", name: { kind: "Name", value: "String" } },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "flows" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "state" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "state" },
                },
              },
              {
                kind: "Argument",
                name: { kind: "Name", value: "first" },
                value: { kind: "IntValue", value: "20" },
              },
              {
                kind: "Argument",
                name: { kind: "Name", value: "after" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "after" },
                },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                {
                  kind: "Field",
                  name: { kind: "Name", value: "nodes" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      { kind: "Field", name: { kind: "Name", value: "id" } },
                      { kind: "Field", name: { kind: "Name", value: "kind" } },
                      { kind: "Field", name: { kind: "Name", value: "state" } },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "subject" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "system" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "externalId" },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "lastError" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "steps" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "name" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "state" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "attempts" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "lastError" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "nextAttemptAt" },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "updatedAt" },
                      },
                    ],
                  },
                },
                { kind: "Field", name: { kind: "Name", value: "endCursor" } },
                { kind: "Field", name: { kind: "Name", value: "hasNextPage" } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<StuckFlowsQuery, StuckFlowsQueryVariables>;
export const SupportContextDocument = {
  __meta__: {
    hash: "sha256:a4f36c56cf3236fdd5a001c1d6933aa2632fda676ed7ddd7aee4673a7c315c97",
  },
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "query",
      name: { kind: "Name", value: "SupportContext" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "id" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "ID" } },
          },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "customer" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "id" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "id" },
                },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "id" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "profile" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "name" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "value" },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: "Field",
                  alias: { kind: "Name", value: "openCases" },
                  name: { kind: "Name", value: "interactions" },
                  arguments: [
                    {
                      kind: "Argument",
                      name: { kind: "Name", value: "first" },
                      value: { kind: "IntValue", value: "10" },
                    },
                    {
                      kind: "Argument",
                      name: { kind: "Name", value: "openOnly" },
                      value: { kind: "BooleanValue", value: true },
                    },
                  ],
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "nodes" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "id" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "channel" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "kind" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "occurredAt" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "summary" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "system" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "subject" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "typename" },
                                  },
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "id" },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "interactions" },
                  arguments: [
                    {
                      kind: "Argument",
                      name: { kind: "Name", value: "first" },
                      value: { kind: "IntValue", value: "20" },
                    },
                  ],
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "nodes" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "id" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "channel" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "kind" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "occurredAt" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "summary" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "system" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "open" },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "pageInfo" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "hasNextPage" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "endCursor" },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "unavailableSystems" },
                      },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "channelInsight" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "preferredChannel" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "preferredChannelReason" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "channels" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "channel" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "events" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "firstTouchAt" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "lastTouchAt" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "systems" },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "consent" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "consentChannel" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "channels" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "state" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "capturedIn" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "updatedAt" },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SupportContextQuery, SupportContextQueryVariables>;
export const WhereToBuyDocument = {
  __meta__: {
    hash: "sha256:76ebf5a646470233b462ade70fcee8fbf3d9f9df673cd10b60d145c9def2aa31",
  },
  kind: "Document",
  definitions: [
    {
      kind: "OperationDefinition",
      operation: "query",
      name: { kind: "Name", value: "WhereToBuy" },
      variableDefinitions: [
        {
          kind: "VariableDefinition",
          variable: { kind: "Variable", name: { kind: "Name", value: "sku" } },
          type: {
            kind: "NonNullType",
            type: { kind: "NamedType", name: { kind: "Name", value: "ID" } },
          },
        },
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "quantity" },
          },
          type: { kind: "NamedType", name: { kind: "Name", value: "Int" } },
          defaultValue: { kind: "IntValue", value: "1" },
        },
        {
          kind: "VariableDefinition",
          variable: {
            kind: "Variable",
            name: { kind: "Name", value: "country" },
          },
          type: { kind: "NamedType", name: { kind: "Name", value: "String" } },
        },
      ],
      selectionSet: {
        kind: "SelectionSet",
        selections: [
          {
            kind: "Field",
            name: { kind: "Name", value: "product" },
            arguments: [
              {
                kind: "Argument",
                name: { kind: "Name", value: "sku" },
                value: {
                  kind: "Variable",
                  name: { kind: "Name", value: "sku" },
                },
              },
            ],
            selectionSet: {
              kind: "SelectionSet",
              selections: [
                { kind: "Field", name: { kind: "Name", value: "sku" } },
                { kind: "Field", name: { kind: "Name", value: "name" } },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "availability" },
                  arguments: [
                    {
                      kind: "Argument",
                      name: { kind: "Name", value: "quantity" },
                      value: {
                        kind: "Variable",
                        name: { kind: "Name", value: "quantity" },
                      },
                    },
                    {
                      kind: "Argument",
                      name: { kind: "Name", value: "country" },
                      value: {
                        kind: "Variable",
                        name: { kind: "Name", value: "country" },
                      },
                    },
                  ],
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "quantity" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "anywhere" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "online" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "available" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "stock" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "price" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "amount" },
                                  },
                                  {
                                    kind: "Field",
                                    name: {
                                      kind: "Name",
                                      value: "currencyCode",
                                    },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "stores" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "store" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "id" },
                                  },
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "name" },
                                  },
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "city" },
                                  },
                                ],
                              },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "stock" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "price" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "amount" },
                                  },
                                  {
                                    kind: "Field",
                                    name: {
                                      kind: "Name",
                                      value: "currencyCode",
                                    },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: "Field",
                  name: { kind: "Name", value: "priceMismatch" },
                  selectionSet: {
                    kind: "SelectionSet",
                    selections: [
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "currencies" },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "prices" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "channel" },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "store" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "id" },
                                  },
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "name" },
                                  },
                                ],
                              },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "price" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "amount" },
                                  },
                                  {
                                    kind: "Field",
                                    name: {
                                      kind: "Name",
                                      value: "currencyCode",
                                    },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                      {
                        kind: "Field",
                        name: { kind: "Name", value: "spreads" },
                        selectionSet: {
                          kind: "SelectionSet",
                          selections: [
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "lowest" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "amount" },
                                  },
                                  {
                                    kind: "Field",
                                    name: {
                                      kind: "Name",
                                      value: "currencyCode",
                                    },
                                  },
                                ],
                              },
                            },
                            {
                              kind: "Field",
                              name: { kind: "Name", value: "highest" },
                              selectionSet: {
                                kind: "SelectionSet",
                                selections: [
                                  {
                                    kind: "Field",
                                    name: { kind: "Name", value: "amount" },
                                  },
                                  {
                                    kind: "Field",
                                    name: {
                                      kind: "Name",
                                      value: "currencyCode",
                                    },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<WhereToBuyQuery, WhereToBuyQueryVariables>;
