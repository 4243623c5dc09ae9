import type { Response } from 'restify';
import { statusLabel } from '../../i18n/customerText.js';
import type { Localizer } from '../../i18n/localizer.js';
import { DEFAULT_LIMITS } from '../../config.js';
import { fail, ok, type Result } from '../../domain/result.js';
import type { Logger } from '../../log.js';
import type { DecisionEvents } from '../../service/educationCustomers.js';
import type { StatusChangeEvent } from '../../service/statusEvents.js';
import type { ImportJobs } from '../../import/importJobs.js';
import type { ImportJob } from '../../storage/records/importJob.js';
import type { StatusEventData } from '../../tab/contract.js';
import { importEvent } from './importViews.js';

/**
 * Server-sent events for open tabs: each stream hears the status changes of its own partner's
 * customers. A stream ends when its sign-in expires (the page reconnects with a fresh token) and
 * carries a comment now and then so proxies do not close it as idle.
 */

interface Stream {
  tenantId: string;
  userKey: string;
  i18n: Localizer;
  res: Response;
  end(): void;
}

export interface TabEventSettings {
  heartbeatMs: number;
  /** Streams one user may hold open (several tabs, a reconnect racing the old stream). */
  perUser: number;
  /** Streams open at once, in all: each holds a socket and a file descriptor. */
  total: number;
  /** A client that reads slower than events come is dropped once this much waits unsent. */
  maxBufferedBytes: number;
}

export const DEFAULT_TAB_EVENT_SETTINGS: TabEventSettings = {
  heartbeatMs: 25_000,
  perUser: DEFAULT_LIMITS.tabStreamsPerUser,
  total: DEFAULT_LIMITS.tabStreamsTotal,
  maxBufferedBytes: 64 * 1024,
};

export type StreamOpening = Result<Promise<void>, 'tooManyStreams'>;

export class TabEventStreams {
  private readonly streams = new Set<Stream>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    service: Pick<DecisionEvents, 'onStatusChange'>,
    private readonly log: Logger,
    private readonly settings: TabEventSettings = DEFAULT_TAB_EVENT_SETTINGS,
    /** Imports run in this process: their progress, live on the Import page. */
    imports?: Pick<ImportJobs, 'onProgress'>,
  ) {
    this.unsubscribe.push(service.onStatusChange((event) => this.publish(event)));
    if (imports) this.unsubscribe.push(imports.onProgress((job) => this.publishImport(job)));
  }

  /**
   * Opens a stream when the limits allow; the promise holds the response open until the client
   * leaves, the sign-in expires, the client stops reading, or the server stops.
   */
  open(
    res: Response,
    owner: { tenantId: string; userKey: string },
    i18n: Localizer,
    expiresAt?: number,
  ): StreamOpening {
    const ofUser = [...this.streams].filter((s) => s.userKey === owner.userKey).length;
    if (ofUser >= this.settings.perUser || this.streams.size >= this.settings.total)
      return fail('tooManyStreams');
    return ok(this.serve(res, owner, i18n, expiresAt));
  }

  private serve(
    res: Response,
    { tenantId, userKey }: { tenantId: string; userKey: string },
    i18n: Localizer,
    expiresAt?: number,
  ): Promise<void> {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      // Tells nginx-style proxies not to buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 5000\n\n');
    return new Promise<void>((resolve) => {
      const heartbeat = setInterval(
        () => this.write(stream, ': keep-alive\n\n'),
        this.settings.heartbeatMs,
      );
      const expiry =
        expiresAt === undefined
          ? undefined
          : setTimeout(() => stream.end(), Math.max(0, expiresAt - Date.now()));
      const stream: Stream = {
        tenantId,
        userKey,
        i18n,
        res,
        end: () => {
          clearInterval(heartbeat);
          if (expiry) clearTimeout(expiry);
          this.streams.delete(stream);
          if (!res.writableEnded) res.end();
          resolve();
        },
      };
      this.streams.add(stream);
      res.on('close', () => stream.end());
    });
  }

  private publish(event: StatusChangeEvent): void {
    for (const stream of this.streams) {
      if (stream.tenantId !== event.customer.partnerTenantId) continue;
      const company = event.customer.companyProfile.companyName;
      const status = statusLabel(
        stream.i18n,
        event.to,
        event.customer.qualification.vettingCreateDate,
      );
      const data: StatusEventData = {
        customerId: event.customer.id,
        companyName: company,
        status: event.to,
        announcement: stream.i18n.t('tab.updated', { company, status }),
      };
      this.write(stream, `event: status\ndata: ${JSON.stringify(data)}\n\n`);
    }
  }

  private publishImport(job: ImportJob): void {
    for (const stream of this.streams) {
      if (stream.tenantId !== job.tenantId) continue;
      const data = importEvent(stream.i18n, job);
      this.write(stream, `event: import\ndata: ${JSON.stringify(data)}\n\n`);
    }
  }

  /** Writes, or ends a stream whose client has let too much pile up unread (the page reconnects). */
  private write(stream: Stream, text: string): void {
    if (stream.res.writableLength > this.settings.maxBufferedBytes) {
      this.log.info('tab event stream closed: the client is not reading', {
        tenantId: stream.tenantId,
        buffered: stream.res.writableLength,
      });
      stream.end();
      return;
    }
    stream.res.write(text);
  }

  get openStreams(): number {
    return this.streams.size;
  }

  /** Ends every stream: the HTTP server can only close once they are gone. */
  close(): void {
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
    for (const stream of [...this.streams]) stream.end();
    this.log.debug('tab event streams closed');
  }
}
