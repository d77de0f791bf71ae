/** TikTok Events API v1.3 track endpoint: the only URL the tag may call. */
export const ENDPOINT_URL = 'https://business-api.tiktok.com/open_api/v1.3/event/track/';
