// Custom labels used by the co-sell setup page (every user-facing string lives in CustomLabels, `CoSell_*`).
import AUTH_STATE from '@salesforce/label/c.CoSell_Setup_AuthState';
import AUTH_BLOCKED from '@salesforce/label/c.CoSell_Setup_Auth_Blocked';
import AUTH_OK from '@salesforce/label/c.CoSell_Setup_Auth_Ok';
import AUTH_UNKNOWN from '@salesforce/label/c.CoSell_Setup_Auth_Unknown';
import BACKFILL from '@salesforce/label/c.CoSell_Setup_Backfill';
import BACKFILL_FAILED from '@salesforce/label/c.CoSell_Setup_BackfillFailed';
import BACKFILL_INTRO from '@salesforce/label/c.CoSell_Setup_BackfillIntro';
import BACKFILL_PROGRESS from '@salesforce/label/c.CoSell_Setup_BackfillProgress';
import BACKFILL_STARTED from '@salesforce/label/c.CoSell_Setup_BackfillStarted';
import BACKFILL_STATE_COMPLETED from '@salesforce/label/c.CoSell_Setup_BackfillState_Completed';
import BACKFILL_STATE_FAILED from '@salesforce/label/c.CoSell_Setup_BackfillState_Failed';
import BACKFILL_STATE_NOT_STARTED from '@salesforce/label/c.CoSell_Setup_BackfillState_NotStarted';
import BACKFILL_STATE_RUNNING from '@salesforce/label/c.CoSell_Setup_BackfillState_Running';
import CHECKLIST from '@salesforce/label/c.CoSell_Setup_Checklist';
import COL_ACTION from '@salesforce/label/c.CoSell_Setup_Col_Action';
import COL_ATTEMPTS from '@salesforce/label/c.CoSell_Setup_Col_Attempts';
import COL_DIRECTION from '@salesforce/label/c.CoSell_Setup_Col_Direction';
import COL_ENABLED from '@salesforce/label/c.CoSell_Setup_Col_Enabled';
import COL_ERROR from '@salesforce/label/c.CoSell_Setup_Col_Error';
import COL_FIELD from '@salesforce/label/c.CoSell_Setup_Col_Field';
import COL_KIND from '@salesforce/label/c.CoSell_Setup_Col_Kind';
import COL_NAME from '@salesforce/label/c.CoSell_Setup_Col_Name';
import COL_OPERATION from '@salesforce/label/c.CoSell_Setup_Col_Operation';
import COL_OPPORTUNITY from '@salesforce/label/c.CoSell_Setup_Col_Opportunity';
import COL_PATH from '@salesforce/label/c.CoSell_Setup_Col_Path';
import COL_REFERRAL from '@salesforce/label/c.CoSell_Setup_Col_Referral';
import COL_TRANSFORM from '@salesforce/label/c.CoSell_Setup_Col_Transform';
import COL_UPDATED from '@salesforce/label/c.CoSell_Setup_Col_Updated';
import COL_VALID from '@salesforce/label/c.CoSell_Setup_Col_Valid';
import CONNECTION from '@salesforce/label/c.CoSell_Setup_Connection';
import CONNECTION_FAILED from '@salesforce/label/c.CoSell_Setup_ConnectionFailed';
import CONNECTION_OK from '@salesforce/label/c.CoSell_Setup_ConnectionOk';
import CURRENT_URL from '@salesforce/label/c.CoSell_Setup_CurrentUrl';
import DEAD_LETTERS from '@salesforce/label/c.CoSell_Setup_DeadLetters';
import DRY_RUN from '@salesforce/label/c.CoSell_Setup_DryRun';
import DRY_RUN_BUTTON from '@salesforce/label/c.CoSell_Setup_DryRunButton';
import DRY_RUN_FAILED from '@salesforce/label/c.CoSell_Setup_DryRunFailed';
import DRY_RUN_HELP from '@salesforce/label/c.CoSell_Setup_DryRunHelp';
import DRY_RUN_ID from '@salesforce/label/c.CoSell_Setup_DryRunId';
import DRY_RUN_ID_INVALID from '@salesforce/label/c.CoSell_Setup_DryRunIdInvalid';
import DRY_RUN_OK from '@salesforce/label/c.CoSell_Setup_DryRunOk';
import DRY_RUN_PROBLEMS from '@salesforce/label/c.CoSell_Setup_DryRunProblems';
import HEALTH from '@salesforce/label/c.CoSell_Setup_Health';
import INBOX_DEPTH from '@salesforce/label/c.CoSell_Setup_InboxDepth';
import LAST_POLL from '@salesforce/label/c.CoSell_Setup_LastPoll';
import LAST_WEBHOOK from '@salesforce/label/c.CoSell_Setup_LastWebhook';
import LOAD_ERROR from '@salesforce/label/c.CoSell_Setup_LoadError';
import LOST_KICK from '@salesforce/label/c.CoSell_Setup_LostKick';
import MAPPINGS from '@salesforce/label/c.CoSell_Setup_Mappings';
import NEVER from '@salesforce/label/c.CoSell_Setup_Never';
import NO from '@salesforce/label/c.CoSell_Setup_No';
import NO_DEAD_LETTERS from '@salesforce/label/c.CoSell_Setup_NoDeadLetters';
import NO_MAPPINGS from '@salesforce/label/c.CoSell_Setup_NoMappings';
import OUTBOX_DEPTH from '@salesforce/label/c.CoSell_Setup_OutboxDepth';
import OVERWRITE from '@salesforce/label/c.CoSell_Setup_Overwrite';
import OVERWRITE_TITLE from '@salesforce/label/c.CoSell_Setup_OverwriteTitle';
import OVERWRITE_WARNING from '@salesforce/label/c.CoSell_Setup_OverwriteWarning';
import PAYLOAD from '@salesforce/label/c.CoSell_Setup_Payload';
import READ_ONLY from '@salesforce/label/c.CoSell_Setup_ReadOnly';
import RECENT_FAILURES from '@salesforce/label/c.CoSell_Setup_RecentFailures';
import RECENT_FAILURES_CAPPED from '@salesforce/label/c.CoSell_Setup_RecentFailuresCapped';
import RECENT_FAILURES_HELP from '@salesforce/label/c.CoSell_Setup_RecentFailuresHelp';
import RECENT_FAILURES_LINK from '@salesforce/label/c.CoSell_Setup_RecentFailuresLink';
import REFRESH from '@salesforce/label/c.CoSell_Setup_Refresh';
import REGISTER from '@salesforce/label/c.CoSell_Setup_Register';
import REGISTER_FAILED from '@salesforce/label/c.CoSell_Setup_RegisterFailed';
import REGISTERED from '@salesforce/label/c.CoSell_Setup_Registered';
import REPLAY from '@salesforce/label/c.CoSell_Setup_Replay';
import REPLAY_FAILED from '@salesforce/label/c.CoSell_Setup_ReplayFailed';
import REPLAY_LABEL from '@salesforce/label/c.CoSell_Setup_ReplayLabel';
import REPLAYED from '@salesforce/label/c.CoSell_Setup_Replayed';
import START_BACKFILL from '@salesforce/label/c.CoSell_Setup_StartBackfill';
import STEP from '@salesforce/label/c.CoSell_Setup_Step';
import STEP_DONE from '@salesforce/label/c.CoSell_Setup_StepDone';
import STEP_ERROR from '@salesforce/label/c.CoSell_Setup_StepError';
import STEP_TODO from '@salesforce/label/c.CoSell_Setup_StepTodo';
import TEST_CONNECTION from '@salesforce/label/c.CoSell_Setup_TestConnection';
import TEST_FAILED from '@salesforce/label/c.CoSell_Setup_TestFailed';
import THIS_ORG_URL from '@salesforce/label/c.CoSell_Setup_ThisOrgUrl';
import TITLE from '@salesforce/label/c.CoSell_Setup_Title';
import VALID from '@salesforce/label/c.CoSell_Setup_Valid';
import WEBHOOKS from '@salesforce/label/c.CoSell_Setup_Webhooks';
import WEBHOOKS_INTRO from '@salesforce/label/c.CoSell_Setup_WebhooksIntro';
import YES from '@salesforce/label/c.CoSell_Setup_Yes';
import SUCCESS from '@salesforce/label/c.CoSell_Common_Success';
import UNKNOWN_ERROR from '@salesforce/label/c.CoSell_Common_UnknownError';
import LOADING from '@salesforce/label/c.CoSell_Common_Loading';
import CANCEL from '@salesforce/label/c.CoSell_Common_Cancel';

export const LABELS = {
    AUTH_STATE,
    AUTH_BLOCKED,
    AUTH_OK,
    AUTH_UNKNOWN,
    BACKFILL,
    BACKFILL_FAILED,
    BACKFILL_INTRO,
    BACKFILL_PROGRESS,
    BACKFILL_STARTED,
    BACKFILL_STATE_COMPLETED,
    BACKFILL_STATE_FAILED,
    BACKFILL_STATE_NOT_STARTED,
    BACKFILL_STATE_RUNNING,
    CHECKLIST,
    COL_ACTION,
    COL_ATTEMPTS,
    COL_DIRECTION,
    COL_ENABLED,
    COL_ERROR,
    COL_FIELD,
    COL_KIND,
    COL_NAME,
    COL_OPERATION,
    COL_OPPORTUNITY,
    COL_PATH,
    COL_REFERRAL,
    COL_TRANSFORM,
    COL_UPDATED,
    COL_VALID,
    CONNECTION,
    CONNECTION_FAILED,
    CONNECTION_OK,
    CURRENT_URL,
    DEAD_LETTERS,
    DRY_RUN,
    DRY_RUN_BUTTON,
    DRY_RUN_FAILED,
    DRY_RUN_HELP,
    DRY_RUN_ID,
    DRY_RUN_ID_INVALID,
    DRY_RUN_OK,
    DRY_RUN_PROBLEMS,
    HEALTH,
    INBOX_DEPTH,
    LAST_POLL,
    LAST_WEBHOOK,
    LOAD_ERROR,
    LOST_KICK,
    MAPPINGS,
    NEVER,
    NO,
    NO_DEAD_LETTERS,
    NO_MAPPINGS,
    OUTBOX_DEPTH,
    OVERWRITE,
    OVERWRITE_TITLE,
    OVERWRITE_WARNING,
    PAYLOAD,
    READ_ONLY,
    RECENT_FAILURES,
    RECENT_FAILURES_CAPPED,
    RECENT_FAILURES_HELP,
    RECENT_FAILURES_LINK,
    REFRESH,
    REGISTER,
    REGISTER_FAILED,
    REGISTERED,
    REPLAY,
    REPLAY_FAILED,
    REPLAY_LABEL,
    REPLAYED,
    START_BACKFILL,
    STEP,
    STEP_DONE,
    STEP_ERROR,
    STEP_TODO,
    TEST_CONNECTION,
    TEST_FAILED,
    THIS_ORG_URL,
    TITLE,
    VALID,
    WEBHOOKS,
    WEBHOOKS_INTRO,
    YES,
    SUCCESS,
    UNKNOWN_ERROR,
    LOADING,
    CANCEL
} as const;
