import { runEventfulService } from '@jc/events';
import { behaviourAnalyticsService } from './service';

void runEventfulService(behaviourAnalyticsService);
