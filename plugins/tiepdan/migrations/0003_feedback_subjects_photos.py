"""Residents respond where they read (issue 15 item 11): ``tiepdan_feedback`` (the subject
a feedback was sent about, the residential group and place, the moderation of its public
version) and ``tiepdan_feedback_photo`` (the photo, metadata stripped). A database built
by 0001 after these models were added has them already: ``create_tables`` skips them."""
from thanthien.plugins.tiepdan.models import FeedbackPhotoRow, FeedbackRow


def up(migrator, db):
    db.create_tables([FeedbackRow, FeedbackPhotoRow], safe=True)
