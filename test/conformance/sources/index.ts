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

/** Every corpus template, in report order. */
export const SOURCES: ConformanceSource[] = [metaCapi, tiktokEvents, snapchatCapi, dataClient, ga4ToBigquery, gadsOffline, linkedinCapi, httpLookup, firestoreLookup, stringUtils, amazonCapi, matchersSuite, mixpanelTrack, pinterestCapi];
