import type { ConformanceSource } from '../lib/source';
import metaCapi from './meta-capi';
import tiktokEvents from './tiktok-events';
import snapchatCapi from './snapchat-capi';
import dataClient from './data-client';
import ga4ToBigquery from './ga4-to-bigquery';
import gadsOffline from './gads-offline-conversions';
import linkedinCapi from './linkedin-capi';
import httpLookup from './http-lookup-variable';
import firestoreLookup from './firestore-lookup-variable';
import stringUtils from './string-utils-variable';
import amazonCapi from './amazon-capi';
import matchersSuite from './matchers-suite';
import mixpanelTrack from './mixpanel-track';
import pinterestCapi from './pinterest-capi';
import klaviyo from './klaviyo';
import redditCapi from './reddit-capi';
import objectBuilder from './object-builder-variable';
import jsonHttpRequest from './json-http-request-variable';
import firestoreWriter from './firestore-writer';
import ga4SlackNotifier from './ga4-slack-notifier';
import ga4CollectClient from './ga4-collect-client';
import awinS2s from './awin-s2s';
import uniqueEventId from './unique-event-id-variable';
import snowplowClient from './snowplow-client';
import webhookTag from './webhook-tag';
import loggerTag from './logger-tag';
import pixelClient from './pixel-client';
import webhookReceiverClient from './webhook-receiver-client';
import consentStateVariable from './consent-state-variable';
import userAgentVariable from './user-agent-variable';
import bigqueryEventLogTag from './bigquery-event-log-tag';
import firestoreDedupeTag from './firestore-dedupe-tag';
import googleSheetsTag from './google-sheets-tag';
import cookieRestoreTag from './cookie-restore-tag';
import crmLeadTag from './crm-lead-tag';
import healthCheckClient from './health-check-client';

/** Every corpus template, in report order. */
export const SOURCES: ConformanceSource[] = [metaCapi, tiktokEvents, snapchatCapi, dataClient, ga4ToBigquery, gadsOffline, linkedinCapi, httpLookup, firestoreLookup, stringUtils, amazonCapi, matchersSuite, mixpanelTrack, pinterestCapi,
  // wave 2
  klaviyo, redditCapi, objectBuilder, jsonHttpRequest, firestoreWriter, ga4SlackNotifier, ga4CollectClient, awinS2s, uniqueEventId, snowplowClient,
  // wave 3 (issue 10: suites that lean on the editor's leniency)
  webhookTag, loggerTag, pixelClient, webhookReceiverClient, consentStateVariable, userAgentVariable, bigqueryEventLogTag, firestoreDedupeTag,
  googleSheetsTag, cookieRestoreTag, crmLeadTag, healthCheckClient];
